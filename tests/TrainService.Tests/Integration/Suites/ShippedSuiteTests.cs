using Microsoft.Extensions.DependencyInjection;
using TrainService.Jobs;
using TrainService.Jobs.Studies;
using TrainService.Jobs.Suites;
using TrainService.Models.Validation;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Suites;

/// <summary>
/// Every shipped suite file parses and, at both sizes, every arm × seed spec of every part passes the
/// same gates a submission passes: a bad suite file fails CI, not a nightly run.
/// </summary>
public sealed class ShippedSuiteTests : ServiceTest
{
    static readonly string[] CourseComparisons = ["optimizers", "sigmoids", "rectifiers", "depth", "recurrent", "clipping", "initialisation", "regularisation"];

    public static TheoryData<string> ShippedFiles()
    {
        var files = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "suites"), "*.json").Order())
            files.Add(Path.GetFileName(path));
        return files;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task ShippedSuite_PassesTheSpecGate_AtBothSizes(string file)
    {
        var errors = await GateAsync(Path.Combine(RepositoryFiles.Root, "suites", file));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void EveryCourseComparison_IsShipped_AndCopiedBesideTheBinaries()
    {
        var shipped = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "suites"), "*.json").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Superset(CourseComparisons.ToHashSet(), shipped!);
        var copied = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "suites"), "*.json").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Equal(shipped, copied);
    }

    [Fact]
    public async Task SuiteWithABadSpec_FailsTheGate_NamingPartSizeAndPath()
    {
        string folder = Directory.CreateTempSubdirectory("suite-gate").FullName;
        string path = Path.Combine(folder, "broken.json");
        File.WriteAllText(path, SuiteFiles.Blobs("broken", lr: -1, extraSmokeSet: """, "$.training.batchSize": 0"""));
        var errors = await GateAsync(path);
        Assert.Contains(errors, e => e.StartsWith("smoke parts[blobs].arms[0].$.optimizer.lr", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("smoke parts[blobs].arms[0].$.training.batchSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("full parts[blobs].arms[1].$.optimizer.lr", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("full parts[blobs].arms[0].$.training.batchSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuiteFileThatIsNotASuite_SaysWhy()
    {
        string folder = Directory.CreateTempSubdirectory("suite-gate").FullName;
        File.WriteAllText(Path.Combine(folder, "misnamed.json"), SuiteFiles.Blobs("other"));
        File.WriteAllText(Path.Combine(folder, "unknown-field.json"), SuiteFiles.Blobs("unknown-field").Replace("\"version\": 1,", "\"version\": 1, \"colour\": \"red\","));
        Assert.Contains("must be the file's name", (await GateAsync(Path.Combine(folder, "misnamed.json")))[0]);
        Assert.Contains("colour", (await GateAsync(Path.Combine(folder, "unknown-field.json")))[0]);
    }

    /// <summary>Every error of a suite file: "file: problem", or "size parts[part].path: message".</summary>
    async Task<List<string>> GateAsync(string path)
    {
        var (file, suite, problem) = SuiteCatalog.Parse(path);
        if (suite is null) return [$"{file}: {problem}"];
        await using var scope = Factory.Services.CreateAsyncScope();
        var gate = scope.ServiceProvider.GetRequiredService<SpecGate>();
        var found = new List<string>();
        foreach (var size in new[] { "smoke", "full" })
        {
            var errors = new ValidationErrors();
            var parts = SuiteExpander.Expand(suite, size, errors);
            found.AddRange(errors.ToDictionary().Select(e => $"{size} {e.Key}: {string.Join(", ", e.Value)}"));
            foreach (var (part, study) in parts)
            {
                var (arms, _, gated) = await StudyGate.CheckAsync(gate, study, CancellationToken.None);
                found.AddRange(gated.ToDictionary().Select(e => $"{size} parts[{part}].{e.Key}: {string.Join(", ", e.Value)}"));
                if (gated.IsEmpty && arms.Count == 0) found.Add($"{size} parts[{part}]: no arms");
            }
        }
        return found;
    }
}
