using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

public sealed class XorJobTests : ServiceTest
{

    [Fact]
    public async Task ReadmeExample_TrainsAndClassifiesAllFourCorners()
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", Specs.ReadmeXor);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await created.ReadAsync<JobResponse>();
        Assert.Equal($"/api/jobs/{job.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal("xor-tanh", job.Spec.Name);
        Assert.Equal(TrainService.Contracts.Specs.BestMetric.ValLoss, job.Spec.Checkpoints.BestMetric); // the default, resolved and shown

        var done = await Client.WaitForFinalStateAsync(job.Id);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(200, done.FinalMetrics!.Epoch);
        Assert.Equal(1.0, done.FinalMetrics.ValAccuracy);

        var metrics = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(Enumerable.Range(1, 200), metrics.Epochs.Select(e => e.Epoch));
        Assert.All(metrics.Epochs, e => Assert.NotNull(e.ValLoss));
        Assert.True(metrics.Epochs[^1].TrainLoss < metrics.Epochs[0].TrainLoss / 10, "training loss fell tenfold");

        var predicted = await Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict", """{"inputs": [[0,0],[0,1],[1,0],[1,1]]}""");
        Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        var prediction = await predicted.ReadAsync<PredictResponse>();
        Assert.Equal([0, 1, 1, 0], prediction.Classes!);
        Assert.All(prediction.Outputs, o => Assert.Single(o));
        Assert.True(prediction.Outputs[1][0] > 0.9 && prediction.Outputs[0][0] < 0.1);
    }

    [Fact]
    public async Task Cancel_StopsARunningJob_AndKeepsItsMetrics()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>();
        await WaitUntilAsync(async () => (await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>()).Epochs.Count >= 3);

        var requestedAt = DateTimeOffset.UtcNow;
        var cancelled = await Client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var done = await Client.WaitForFinalStateAsync(job.Id, TimeSpan.FromSeconds(10));
        Assert.Equal(JobStatus.Cancelled, done.Status);
        // The bound, read from the server's own finish time (same clock, no polling delay).
        Assert.True(done.FinishedAt - requestedAt < TimeSpan.FromSeconds(2), $"cancelled {(done.FinishedAt - requestedAt)!.Value.TotalSeconds:0.000} s after the request");
        var metrics = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.True(metrics.Epochs.Count >= 3);
        Assert.Equal(Enumerable.Range(1, metrics.Epochs.Count), metrics.Epochs.Select(e => e.Epoch));
        // Stopped for good: several poll intervals later nothing more was trained or recorded.
        await Task.Delay(300);
        var later = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(metrics.Epochs.Count, later.Epochs.Count);
    }

    [Fact]
    public async Task Predict_BeforeTraining_Is404SayingYet()
    {
        // Long enough that the job is still queued or running when predict arrives.
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>();

        var early = await Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict?checkpoint=final", """{"inputs": [[0,0]]}""");

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType!.MediaType);
        Assert.Matches("has no checkpoint named 'final' yet: it is (queued|running)", await early.Content.ReadAsStringAsync());
        await Client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
    }

    [Fact]
    public async Task Predict_WithWrongWidth_NamesTheRow_AndUnknownJobIs404()
    {
        var job = await Client.SubmitAndWaitAsync(Specs.Xor(epochs: 5));

        var wrongWidth = await Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict", """{"inputs": [[0,0],[0,1,5]]}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongWidth.StatusCode);
        var errors = await wrongWidth.ReadValidationErrorsAsync();
        Assert.Contains("expected 2 values, got 3", errors["$.inputs[1]"][0]);

        var missing = await Client.PostJsonTextAsync($"/api/jobs/{Guid.NewGuid()}/predict", """{"inputs": [[0,0]]}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("application/problem+json", missing.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Predict_WithValuesBeyondFloatRange_NamesEachValue()
    {
        var job = await Client.SubmitAndWaitAsync(Specs.Xor(epochs: 1));

        var response = await Client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict", """{"inputs": [[0,1e400],[1e39,0],[0.5,-3.4e38]]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ReadValidationErrorsAsync();
        Assert.Equal(["$.inputs[0][1]", "$.inputs[1][0]"], errors.Keys.Order());
        Assert.Contains("finite number", errors["$.inputs[0][1]"][0]);
    }

    [Fact]
    public async Task Cancel_OfAFinishedJob_Is409_AndChangesNothing()
    {
        var done = await Client.SubmitAndWaitAsync(Specs.Xor(epochs: 1));

        var response = await Client.PostAsync($"/api/jobs/{done.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("already succeeded", await response.Content.ReadAsStringAsync());
        var after = await Client.WaitForFinalStateAsync(done.Id);
        Assert.Equal((JobStatus.Succeeded, done.FinishedAt), (after.Status, after.FinishedAt));
    }

    [Theory]
    [InlineData("/api/jobs?page=abc", "page")]
    [InlineData("/api/jobs/0190a000-0000-7000-8000-000000000000/metrics/steps?maxPoints=many", "maxPoints")]
    [InlineData("/api/datasets?pageSize=x", "pageSize")]
    public async Task QueryStringThatDoesNotBind_IsProblemDetails_NamingTheParameter(string url, string parameter)
    {
        var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(parameter, (await response.ReadValidationErrorsAsync()).Keys);
    }

    [Fact]
    public async Task NonGuidId_Is404ProblemDetails_SayingIdsAreGuids()
    {
        var response = await Client.GetAsync("/api/jobs/not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("GUID", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_IsNewestFirst_AndPaged()
    {
        var ids = new List<Guid>();
        for (int i = 0; i < 3; i++)
            ids.Add((await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1))).ReadAsync<JobResponse>()).Id);

        var first = await (await Client.GetAsync("/api/jobs?page=1&pageSize=2")).ReadAsync<PagedList<JobSummary>>();
        var second = await (await Client.GetAsync("/api/jobs?page=2&pageSize=2")).ReadAsync<PagedList<JobSummary>>();
        Assert.Equal(3, first.Total);
        Assert.Equal([ids[2], ids[1]], first.Items.Select(j => j.Id));
        Assert.Equal([ids[0]], second.Items.Select(j => j.Id));

        var badPage = await Client.GetAsync("/api/jobs?page=0&pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Equal(["page", "pageSize"], (await badPage.ReadValidationErrorsAsync()).Keys.Order());
    }

    [Fact]
    public async Task UnknownJob_Is404ProblemDetails()
    {
        var response = await Client.GetAsync($"/api/jobs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Job not found", await response.Content.ReadAsStringAsync());
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(20);
        }
    }
}
