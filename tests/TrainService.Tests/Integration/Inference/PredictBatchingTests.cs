using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Inference;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Inference;

/// <summary>Concurrent predicts for one model share forward passes, and sharing changes no answer.</summary>
public sealed class PredictBatchingTests() : ServiceTest(new TrainServiceFactory
{
    // A wide window so the requests of the test meet even on a loaded machine.
    Settings = new Dictionary<string, string> { ["TrainService:PredictBatching:Window"] = "00:00:00.200" },
})
{
    const string Gaussians = """
        {"name": "gaussians-predict",
         "dataset": {"kind": "gaussians", "samples": 400, "centers": 10, "dimensions": 16, "seed": 1},
         "model": {"inputShape": [16], "layers": [{"kind": "linear", "units": 64, "activation": "relu"},
                                                  {"kind": "linear", "units": 64, "activation": "relu"},
                                                  {"kind": "linear", "units": 10}]},
         "loss": {"kind": "cross_entropy"},
         "optimizer": {"kind": "adam", "lr": 0.01},
         "training": {"epochs": 2, "batchSize": 32, "seed": 3}}
        """;

    [Fact]
    public async Task ConcurrentRequests_AreBatched_AndAnsweredAsTheyAreOneByOne()
    {
        var job = await Client.TrainToSuccessAsync(Gaussians);
        var random = new Random(5);
        var requests = Enumerable.Range(0, 24)
            .Select(i => Enumerable.Range(0, 1 + i % 3).Select(_ => Enumerable.Range(0, 16).Select(_ => Math.Round(random.NextDouble() * 8 - 4, 3)).ToArray()).ToArray())
            .ToArray();
        var cache = Factory.Services.GetRequiredService<PredictorCache>();

        // One at a time: each request is alone, so each is its own forward pass.
        var alone = new List<PredictResponse>();
        foreach (var rows in requests) alone.Add(await PredictAsync(job.Id, rows));
        Assert.Equal(0, cache.MergedPredictBatches);

        // All at once, in bursts until two requests have shared a forward pass (on a loaded machine one burst
        // may happen to arrive spread out); every burst's answers must equal the lone ones.
        for (int burst = 0; burst < 5 && cache.MergedPredictBatches == 0; burst++)
        {
            var together = await Task.WhenAll(requests.Select(rows => PredictAsync(job.Id, rows)));
            for (int i = 0; i < requests.Length; i++)
            {
                Assert.Equal(alone[i].Classes, together[i].Classes);
                Assert.Equal(alone[i].Outputs.Count, together[i].Outputs.Count);
                for (int row = 0; row < alone[i].Outputs.Count; row++)
                    Assert.Equal(alone[i].Outputs[row], together[i].Outputs[row]); // exact, bit for bit
            }
        }
        Assert.True(cache.MergedPredictBatches > 0, "in 5 bursts of 24 concurrent requests no two shared a forward pass");
    }

    async Task<PredictResponse> PredictAsync(Guid job, double[][] rows)
    {
        var response = await Client.PostJsonTextAsync($"/api/jobs/{job}/predict", System.Text.Json.JsonSerializer.Serialize(new { inputs = rows }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<PredictResponse>();
    }
}

/// <summary>Switched off by configuration, every request is its own forward pass.</summary>
public sealed class PredictBatchingOffTests() : ServiceTest(new TrainServiceFactory
{
    Settings = new Dictionary<string, string> { ["TrainService:PredictBatching:Enabled"] = "false" },
})
{
    [Fact]
    public async Task ConcurrentRequests_AreNotBatched_WhenBatchingIsOff()
    {
        var job = await Client.TrainToSuccessAsync(Specs.Xor(epochs: 2));
        var cache = Factory.Services.GetRequiredService<PredictorCache>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict", """{"inputs": [[0,1]]}""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, cache.MergedPredictBatches);
    }
}
