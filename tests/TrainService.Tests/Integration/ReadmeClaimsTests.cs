using System.Text.Json;
using System.Text.RegularExpressions;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>What the README says an answer looks like, checked against the answer.</summary>
public sealed class ReadmeClaimsTests : ServiceTest
{
    static readonly string Readme = RepositoryFiles.Read("README.md");

    [Fact]
    public async Task MetricsComment_NamesTheAnswersMembers()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.ReadmeXor)).ReadAsync<JobResponse>();
        await Client.WaitForFinalStateAsync(job.Id);
        using var metrics = JsonDocument.Parse(await Client.GetStringAsync($"/api/jobs/{job.Id}/metrics"));

        // curl -s …/metrics    # {jobId, epochs: [{epoch, trainLoss, …}, ...], test}
        var comment = Regex.Match(Readme, @"/metrics +# \{(?<top>[^\[]*)\[\{(?<epoch>[^}]*)\}, \.\.\.\], (?<last>\w+)\}");
        Assert.True(comment.Success, "the README's metrics curl line has its comment");
        var topLevel = comment.Groups["top"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => m.TrimEnd(':').Split(':')[0].Trim()).Append(comment.Groups["last"].Value);
        Assert.Equal(metrics.RootElement.EnumerateObject().Select(p => p.Name).Order(), topLevel.Order());
        var epochMembers = comment.Groups["epoch"].Value.Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(metrics.RootElement.GetProperty("epochs")[0].EnumerateObject().Select(p => p.Name).Order(), epochMembers.Order());
    }

    [Fact]
    public async Task CompareMetrics_ListedInTheReadme_AreExactlyTheAcceptedOnes()
    {
        var listed = Regex.Match(Readme, @"/api/compare\?.*?\| the metric \((?<names>[^)]*)\)").Groups["names"].Value
            .Split(',', StringSplitOptions.TrimEntries).Select(n => n.Trim('`'));

        var refused = await Client.GetAsync($"/api/compare?jobs={Guid.NewGuid()}&metric=nope");
        var accepted = (await refused.ReadValidationErrorsAsync())["metric"][0].Replace("must be one of ", "").Split(", ");

        Assert.Equal(accepted.Order(), listed.Order());
    }

    [Fact]
    public async Task EchoedSpec_HasEveryDefaultFilledIn()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.ReadmeXor)).ReadAsync<JobResponse>();
        using var echoed = JsonDocument.Parse(JsonSerializer.Serialize(job.Spec, ContractJson.Options));

        Assert.Contains("the spec with every default filled in", Readme);
        Assert.Equal("valLoss", echoed.RootElement.GetProperty("checkpoints").GetProperty("bestMetric").GetString());
        // null only where the README says it means "off" (or the layer type's own initialiser, for weights and biases); every other default is a value.
        Assert.Equal(
            ["$.diagnostics", "$.model.biasInit", "$.model.init", "$.model.layers[0].biasInit", "$.model.layers[0].init",
             "$.model.layers[1].biasInit", "$.model.layers[1].init", "$.training.clipping",
             "$.training.earlyStopping", "$.training.maxRuntimeSeconds", "$.training.tbpttWindow", "$.warmStart"],
            NullMembers(echoed.RootElement, "$").Order());
    }

    static IEnumerable<string> NullMembers(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => NullMembers(p.Value, $"{path}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => NullMembers(e, $"{path}[{i}]")),
        JsonValueKind.Null => [path],
        _ => [],
    };
}
