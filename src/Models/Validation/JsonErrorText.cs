using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrainService.Models.Validation;

/// <summary>
/// Turns a System.Text.Json failure into errors keyed by JSON path, without .NET type names: the
/// fallback for whatever the shape walk (<see cref="JsonShapeValidator"/>) lets through.
/// </summary>
public static partial class JsonErrorText
{
    public static IDictionary<string, string[]> Describe(Exception error)
    {
        string path = (error as JsonException)?.Path ?? "$";
        string message = error.Message;
        var missing = MissingRequired().Match(message);
        if (missing.Success)
            return missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => n.Trim('\''))
                .ToDictionary(n => $"{path}.{n}", _ => new[] { "is required" });
        var unknown = UnknownMember().Match(message);
        if (unknown.Success)
            return One(path, $"unknown field '{unknown.Groups["name"].Value}'");
        var discriminator = UnknownDiscriminator().Match(message);
        if (discriminator.Success)
            return One($"{path}.kind", $"unknown kind '{discriminator.Groups["value"].Value}'");
        if (message.Contains("must specify a type discriminator", StringComparison.Ordinal))
            return One($"{path}.kind", "is required (it selects the type)");
        return One(path, Clean(message));
    }

    // Type names and the trailing position mean nothing to an API user.
    static string Clean(string message)
    {
        string text = PathSuffix().Replace(message, "");
        text = TypeName().Replace(text, m => m.Groups["type"].Value);
        return text.Length == 0 ? "invalid JSON" : text;
    }

    internal static IDictionary<string, string[]> One(string path, string message) => new Dictionary<string, string[]> { [path] = [message] };

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?$", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"type discriminator '(?<value>[^']*)'|discriminator value '(?<value>[^']*)'|Read unrecognized type discriminator id '(?<value>[^']*)'")]
    private static partial Regex UnknownDiscriminator();

    [GeneratedRegex(@"\s*Path: .*$", RegexOptions.Singleline)]
    private static partial Regex PathSuffix();

    [GeneratedRegex(@"(?:[A-Za-z_][A-Za-z0-9_]*\.)+(?<type>[A-Za-z_][A-Za-z0-9_`]*)")]
    private static partial Regex TypeName();
}
