using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// <c>?checkpoint=</c> picks the weights predict uses: <c>best</c> answers with the best epoch's
/// weights (not the final ones), and without the parameter predict uses <c>latest</c>, which is
/// <c>final</c> once the job succeeded.
/// </summary>
public sealed class CheckpointSelectionTests : ServiceTest
{
    const string Inputs = """{"inputs": [[0,0],[0,1],[1,0],[1,1],[0.3,0.7]]}""";

    async Task<double[]> PredictAsync(Guid job, string query)
    {
        var response = await Client.PostJsonTextAsync($"/api/jobs/{job}/predict{query}", Inputs);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadAsync<PredictResponse>()).Outputs.SelectMany(o => o).ToArray();
    }

    [Fact]
    public async Task Best_ServesTheBestEpochsWeights_AndTheDefaultIsLatestWhichIsFinal()
    {
        // Best by training accuracy changes only on a strict improvement, so the best epoch is the first
        // to reach the top accuracy while later epochs keep moving the weights.
        string spec = Specs.Xor(epochs: 30).Replace("\"training\":", "\"checkpoints\": {\"everyEpochs\": 1, \"keepLast\": 30, \"bestMetric\": \"trainAccuracy\"}, \"training\":");
        var job = await (await Client.PostJsonTextAsync("/api/jobs", spec)).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(job.Id)).Status);
        var checkpoints = await (await Client.GetAsync($"/api/jobs/{job.Id}/checkpoints")).ReadAsync<List<CheckpointResponse>>();
        var best = checkpoints.Single(c => c.Name == "best");
        Assert.True(best.Epoch < 30, $"the spec no longer has a best epoch before the last (best at {best.Epoch})");

        var fromBest = await PredictAsync(job.Id, "?checkpoint=best");
        var fromBestEpoch = await PredictAsync(job.Id, $"?checkpoint=epoch-{best.Epoch:000000}");
        var fromFinal = await PredictAsync(job.Id, "?checkpoint=final");
        var fromLatest = await PredictAsync(job.Id, "?checkpoint=latest");
        var fromDefault = await PredictAsync(job.Id, "");

        Assert.Equal(fromBestEpoch, fromBest);
        Assert.NotEqual(fromFinal, fromBest);
        Assert.Equal(fromFinal, fromLatest);
        Assert.Equal(fromFinal, fromDefault);
    }
}
