using System.Text.RegularExpressions;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Unit.Build;

/// <summary>
/// .env.example documents exactly the variables the compose files read, with the defaults the
/// files fall back to (so "leaving one out keeps that value" is true). Whether the files are valid
/// compose is checked by <c>docker-compose config</c> in .ci/run.
/// </summary>
public sealed class ComposeFileTests
{
    static readonly string[] ComposeFiles = ["docker-compose.yml", "docker-compose.single.yml"];

    [Fact]
    public void EnvExample_ListsEveryVariableTheComposeFilesRead_WithTheirDefaults()
    {
        var example = ExampleValues();
        var used = ComposeFiles.SelectMany(file => Regex.Matches(RepositoryFiles.Read(file), @"\$\{(?<name>[A-Z0-9_]+):-(?<default>[^}]*)\}"))
            .Select(m => (Name: m.Groups["name"].Value, Default: m.Groups["default"].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        foreach (var (name, fallback) in used)
        {
            Assert.True(example.ContainsKey(name), $"{name} is read by a compose file but missing from .env.example");
            Assert.Equal((name, fallback), (name, example[name]));
        }
        Assert.Empty(example.Keys.Except(used.Select(u => u.Name)));
    }

    [Fact]
    public void EveryVariableReference_HasADefault()
    {
        // A bare ${X} makes `docker-compose config` warn and the setting empty when .env is absent.
        foreach (var file in ComposeFiles)
            Assert.Empty(Regex.Matches(RepositoryFiles.Read(file), @"\$\{[A-Z0-9_]+\}").Select(m => $"{file}: {m.Value}"));
    }

    static Dictionary<string, string> ExampleValues() => RepositoryFiles.Read(".env.example")
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1]);
}
