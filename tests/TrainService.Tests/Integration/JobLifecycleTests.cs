using System.Net;
using System.Text;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

public sealed class JobLifecycleTests : ServiceTest
{

    /// <summary>The issue's case: Adam with lr = 1e4 on the x² regression task.</summary>
    static string XSquaredWithAdam(double lr) => $$$"""
        {"name": "x-squared-adam-{{{lr}}}",
         "dataset": {"kind": "x_squared", "samples": 256, "noise": 0.01, "seed": 2},
         "model": {"inputShape": [1], "layers": [{"kind": "linear", "units": 16, "activation": "tanh"},
                                                 {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"},
         "optimizer": {"kind": "adam", "lr": {{{lr}}}},
         "training": {"epochs": 50, "batchSize": 32, "seed": 3}}
        """;

    [Fact]
    public async Task AdamWithHugeLearningRate_FailsAsDiverged_AndKeepsItsStepMetrics()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", XSquaredWithAdam(1e4))).ReadAsync<JobResponse>();

        var done = await Client.WaitForFinalStateAsync(job.Id);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Matches(@"^(gradient norm .* exceeded the bound|loss .* exceeded .* the first step's loss|loss became (NaN|\+Inf)).* at epoch \d+, step \d+", done.FailureReason);
        var steps = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics/steps")).ReadAsync<StepSeriesResponse>();
        Assert.True(steps.TotalSteps >= 1, "the steps before divergence were recorded");
        Assert.All(steps.Steps, s => Assert.True(double.IsFinite(s.Loss)));
        Assert.Equal(1e4, steps.Steps[0].Lr);
    }

    [Fact]
    public async Task SameIdempotencyKey_CreatesOneJob()
    {
        async Task<HttpResponseMessage> Submit(string spec)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(spec, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "nightly-benchmark-42");
            return await Client.SendAsync(request);
        }

        var first = await Submit(Specs.Xor(epochs: 2));
        var second = await Submit(Specs.Xor(epochs: 2));
        var different = await Submit(Specs.Xor(epochs: 3));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ReadAsync<JobResponse>()).Id, (await second.ReadAsync<JobResponse>()).Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        var all = await (await Client.GetAsync("/api/jobs")).ReadAsync<PagedList<JobSummary>>();
        Assert.Equal(1, all.Total);
    }

    [Fact]
    public async Task Checkpoints_FollowThePolicy_AndServePredictions()
    {
        string spec = Specs.Xor(epochs: 10).Replace("\"training\":", "\"checkpoints\": {\"everyEpochs\": 2, \"keepLast\": 2}, \"training\":");
        var job = await (await Client.PostJsonTextAsync("/api/jobs", spec)).ReadAsync<JobResponse>();
        await Client.WaitForFinalStateAsync(job.Id);

        var checkpoints = await (await Client.GetAsync($"/api/jobs/{job.Id}/checkpoints")).ReadAsync<List<CheckpointResponse>>();
        Assert.Equal(["best", "epoch-000008", "epoch-000010", "final"], checkpoints.Select(c => c.Name).Order());
        var best = checkpoints.Single(c => c.Name == "best");
        var metrics = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(metrics.Epochs.Min(e => e.TrainLoss), best.MetricValue);
        Assert.Equal(metrics.Epochs.MinBy(e => e.TrainLoss)!.Epoch, best.Epoch);

        var file = await Client.GetByteArrayAsync($"/api/jobs/{job.Id}/checkpoints/final");
        Assert.Equal("TSCKPT", Encoding.UTF8.GetString(file, 1, 6));
        var fromBest = await Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict?checkpoint=best", """{"inputs": [[0,1]]}""");
        Assert.Equal(HttpStatusCode.OK, fromBest.StatusCode);
        var missing = await Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict?checkpoint=epoch-000002", """{"inputs": [[0,1]]}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var missingProblem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("has no checkpoint named 'epoch-000002' (job status: succeeded)", missingProblem);
        Assert.DoesNotContain("yet", missingProblem);
        var download = await Client.GetAsync($"/api/jobs/{job.Id}/checkpoints/epoch-000002");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Contains("Checkpoint not found", await download.Content.ReadAsStringAsync());
        Assert.Contains("Checkpoint not found", missingProblem);
    }

    [Fact]
    public async Task WarmStart_ContinuesFromTheSourceWeights_AndRejectsAnotherArchitecture()
    {
        var source = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 60))).ReadAsync<JobResponse>();
        await Client.WaitForFinalStateAsync(source.Id);
        var sourceMetrics = await (await Client.GetAsync($"/api/jobs/{source.Id}/metrics")).ReadAsync<MetricsResponse>();

        string warm = Specs.Xor(epochs: 1).Replace("\"training\":", $"\"warmStart\": {{\"jobId\": \"{source.Id}\", \"checkpoint\": \"final\"}}, \"training\":");
        var job = await (await Client.PostJsonTextAsync("/api/jobs", warm)).ReadAsync<JobResponse>();
        await Client.WaitForFinalStateAsync(job.Id);
        var metrics = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.True(metrics.Epochs[0].TrainLoss < sourceMetrics.Epochs[0].TrainLoss / 5,
            $"warm-started first epoch {metrics.Epochs[0].TrainLoss} vs fresh {sourceMetrics.Epochs[0].TrainLoss}");

        var otherArchitecture = await Client.PostJsonTextAsync("/api/jobs", warm.Replace("\"units\": 4", "\"units\": 5"));
        Assert.Equal(HttpStatusCode.BadRequest, otherArchitecture.StatusCode);
        Assert.Contains("$.model", (await otherArchitecture.ReadValidationErrorsAsync()).Keys);
        var unknownJob = await Client.PostJsonTextAsync("/api/jobs", warm.Replace(source.Id.ToString(), Guid.NewGuid().ToString()));
        Assert.Contains("$.warmStart.jobId", (await unknownJob.ReadValidationErrorsAsync()).Keys);
    }

    [Fact]
    public async Task RuntimeLimit_FailsTheJobWithTheReason()
    {
        string spec = Specs.Xor(epochs: 100_000).Replace("\"seed\": 7", "\"seed\": 7, \"maxRuntimeSeconds\": 1");
        var job = await (await Client.PostJsonTextAsync("/api/jobs", spec)).ReadAsync<JobResponse>();

        var done = await Client.WaitForFinalStateAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.StartsWith("exceeded its time limit of 1 s during epoch", done.FailureReason);
    }
}
