using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Json;

namespace TrainService.Jobs.Suites;

/// <summary>
/// The suite files of the suites folder, read on every call so a suite a user drops in is there
/// without a restart. A file that does not parse, or whose name differs from its file name, is not
/// a suite; <see cref="Problems"/> says why (CI gates every shipped file, so this is for users' own).
/// </summary>
public sealed partial class SuiteCatalog(IOptions<SuiteOptions> options)
{
    public IReadOnlyList<SuiteDefinition> All() => Read().Where(r => r.Suite is not null).Select(r => r.Suite!).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public SuiteDefinition? Find(string name) => ValidName().IsMatch(name) ? All().FirstOrDefault(s => s.Name == name) : null;

    /// <summary>File name → why it is not a suite.</summary>
    public IReadOnlyDictionary<string, string> Problems() => Read().Where(r => r.Problem is not null).ToDictionary(r => r.File, r => r.Problem!);

    IEnumerable<(string File, SuiteDefinition? Suite, string? Problem)> Read()
    {
        string folder = options.Value.EffectiveDirectory;
        if (!Directory.Exists(folder)) yield break;
        foreach (string path in Directory.EnumerateFiles(folder, "*.json"))
            yield return Parse(path);
    }

    public static (string File, SuiteDefinition? Suite, string? Problem) Parse(string path)
    {
        string file = Path.GetFileName(path);
        try
        {
            var suite = JsonSerializer.Deserialize<SuiteDefinition>(File.ReadAllText(path), ContractJson.Options);
            if (suite is null) return (file, null, "the file holds null");
            if (!ValidName().IsMatch(suite.Name) || suite.Name + ".json" != file)
                return (file, null, $"name '{suite.Name}' must be the file's name without .json, of letters, digits, '-' and '_'");
            if (suite.Parts.Count == 0 || suite.Parts.Select(p => p.Name).Distinct().Count() != suite.Parts.Count)
                return (file, null, "parts must list at least one part, with distinct names");
            if (!suite.Sizes.ContainsKey("smoke") || !suite.Sizes.ContainsKey("full"))
                return (file, null, "sizes must have smoke and full");
            return (file, suite, null);
        }
        catch (Exception error) when (error is JsonException or IOException)
        {
            return (file, null, error.Message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidName();
}
