using System.Text.RegularExpressions;

using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Unit.Build;

/// <summary>
/// The Docker build context leaves out build outputs, git and the folders the image never uses,
/// yet keeps everything the Dockerfile copies. Docker cannot run on the CI machine, so the test
/// applies the .dockerignore patterns the way Docker does (Go filepath.Match plus **, a pattern
/// that matches a folder excludes what is under it).
/// </summary>
public sealed class DockerIgnoreTests
{
    static readonly string Root = RepositoryFiles.Root;

    [Theory]
    [InlineData("src/Api/bin/Debug/net10.0/TrainService.Api.dll")]
    [InlineData("src/Models/obj/project.assets.json")]
    [InlineData("tests/TrainService.Tests/bin/Debug/net10.0/libtorch.so")]
    [InlineData(".git/HEAD")]
    [InlineData("data/trainservice.db")]
    [InlineData("src/Api/data/artifacts/x.ckpt")]
    [InlineData("trainservice.db-wal")]
    public void BuildOutputsGitAndDataFolders_AreLeftOutOfTheContext(string path) =>
        Assert.True(IsExcluded(path), $"{path} would be sent to the Docker daemon");

    [Theory]
    [InlineData("src/Api/Program.cs")]
    [InlineData("src/Models/Data/InMemoryDataset.cs")]
    [InlineData("src/Jobs/Datasets/CsvTableReader.cs")]
    public void SourceFiles_StayInTheContext(string path) => Assert.False(IsExcluded(path), $"{path} is ignored");

    [Fact]
    public void EveryPathTheDockerfileCopies_StaysInTheContext()
    {
        var sources = File.ReadLines(Path.Combine(Root, "Dockerfile"))
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();
        Assert.Contains("src/", sources);
        foreach (var source in sources)
        {
            Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"COPY {source}: not in the repository");
            Assert.False(IsExcluded(source.TrimEnd('/')), $"COPY {source}: excluded by .dockerignore");
        }
    }

    static bool IsExcluded(string path)
    {
        bool excluded = false;
        foreach (var raw in File.ReadLines(Path.Combine(Root, ".dockerignore")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            bool negate = line.StartsWith('!');
            var pattern = (negate ? line[1..] : line).Trim('/');
            if (Matches(pattern, path)) excluded = !negate;
        }
        return excluded;
    }

    // A pattern excludes the path itself or any folder above it.
    static bool Matches(string pattern, string path)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        var segments = path.Split('/');
        return Enumerable.Range(1, segments.Length).Any(n => regex.IsMatch(string.Join('/', segments[..n])));
    }
}
