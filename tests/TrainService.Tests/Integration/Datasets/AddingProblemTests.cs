using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Datasets;

/// <summary>The classic vanishing-gradient test: an LSTM carries two marked values across 50 steps.</summary>
public sealed class AddingProblemTests : ServiceTest
{
    const string LstmOnAdding50 = """
        {"name": "adding-50-lstm",
         "dataset": {"kind": "adding", "length": 50, "samples": 4000, "seed": 1},
         "model": {"inputShape": [50, 2], "layers": [{"kind": "lstm", "hidden": 32}, {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"},
         "optimizer": {"kind": "adam", "lr": 0.005},
         "training": {"epochs": 30, "batchSize": 64, "seed": 1, "validationSplit": 0.1}}
        """;

    [Fact]
    public async Task Lstm_OnTheAddingProblemWithT50_ReachesValidationMseBelow001()
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", LstmOnAdding50);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var done = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id, TimeSpan.FromMinutes(5));

        Assert.Equal(JobStatus.Succeeded, done.Status);
        // Predicting the mean sum (1.0) scores ≈ 0.167 (the variance of a sum of two U(0,1)); < 0.01 means the LSTM found the marked values.
        Assert.True(done.FinalMetrics!.ValLoss < 0.01, $"validation MSE {done.FinalMetrics.ValLoss}");
    }
}
