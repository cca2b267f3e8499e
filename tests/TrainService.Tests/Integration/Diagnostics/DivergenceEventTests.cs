using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>A diverged job carries a divergence event at the step that failed, on its timeline and in its results.</summary>
public sealed class DivergenceEventTests : ServiceTest
{
    const string XSquaredAdamHugeLr = """
        {"name": "x-squared-diverges",
         "dataset": {"kind": "x_squared", "samples": 256, "noise": 0.01, "seed": 2},
         "model": {"inputShape": [1], "layers": [{"kind": "linear", "units": 16, "activation": "tanh"}, {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"},
         "optimizer": {"kind": "adam", "lr": 1e4},
         "training": {"epochs": 50, "batchSize": 32, "seed": 3}}
        """;

    [Fact]
    public async Task DivergedJob_HasADivergenceEvent_AtTheStepAfterTheLastRecordedOne()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", XSquaredAdamHugeLr)).ReadAsync<JobResponse>();
        var done = await Client.WaitForFinalStateAsync(job.Id);
        Assert.Equal(JobStatus.Failed, done.Status);

        var divergence = Assert.Single(done.Events!, e => e.Kind == PathologyKinds.Divergence);
        var steps = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics/steps")).ReadAsync<StepSeriesResponse>();
        Assert.Equal(steps.TotalSteps + 1, divergence.Step);
        Assert.Equal((int)((divergence.Step - 1) / 8) + 1, divergence.Epoch); // 256 rows in batches of 32
        Assert.Equal(done.FailureReason, divergence.Message);
        Assert.Equal(steps.Steps[^1].GradNorm, divergence.Values["lastGradNorm"], 1e-6 * Math.Max(1, steps.Steps[^1].GradNorm));
        var results = await (await Client.GetAsync($"/api/jobs/{job.Id}/results")).ReadAsync<JobResultsResponse>();
        Assert.Contains(results.Events, e => e.Kind == PathologyKinds.Divergence && e.Step == divergence.Step);
    }
}
