using System.ComponentModel.DataAnnotations;

namespace TrainService.Jobs.Access;

/// <summary>How callers are identified: not at all (one local user) or by API key.</summary>
public enum AuthMode { None, Keys }

/// <summary>Bound from "TrainService:Auth" and validated at start-up.</summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string Section = "TrainService:Auth";

    /// <summary>none (default: no keys, loopback addresses only) or keys (every API call needs a key).</summary>
    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>An admin key accepted from configuration (stored hashed at start-up), for the first login; at least 32 characters.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Jobs one owner may have queued or running at once (keys mode).</summary>
    [Range(1, 1_000_000)]
    public int MaxActiveJobsPerOwner { get; set; } = 100;

    /// <summary>Bytes of uploaded datasets one owner may keep (keys mode).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadedBytesPerOwner { get; set; } = 1_000_000_000;

    /// <summary>Requests per second one key may make on average (keys mode); 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests one key may make at once before the per-second rate applies.</summary>
    [Range(1, 1_000_000)]
    public int RequestBurst { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (BootstrapAdminKey is { Length: < ApiKeySecrets.MinimumLength })
            yield return new ValidationResult($"TrainService:Auth:BootstrapAdminKey must have at least {ApiKeySecrets.MinimumLength} characters.");
    }
}
