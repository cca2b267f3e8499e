using System.Security.Cryptography;
using System.Text;

namespace TrainService.Jobs.Access;

/// <summary>Makes keys and what is stored of them: a SHA-256 hash and the first characters.</summary>
public static class ApiKeySecrets
{
    public const int MinimumLength = 32;
    const int PrefixLength = 12;

    /// <summary>"tsk_" and 32 random bytes, base64url: 256 bits nobody can guess, so a fast hash suffices.</summary>
    public static string Generate() => "tsk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Prefix(string key) => key[..Math.Min(PrefixLength, key.Length)];

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Constant time, so the response time says nothing about how much of a guess was right.</summary>
    public static bool Matches(string key, string storedHashHex) =>
        storedHashHex.Length == 64 && CryptographicOperations.FixedTimeEquals(Hash(key), Convert.FromHexString(storedHashHex));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
