using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// README promises that need a busy worker or a server-wide setting: a queued job is cancelled at
/// once (it never starts), and <c>TrainService:MaxJobRuntime</c> fails a job that runs too long
/// even when its spec sets no limit.
/// </summary>
public sealed class SingleWorkerTests() : ServiceTest(new TrainServiceFactory
{
    Settings = new Dictionary<string, string> { ["TrainService:TrainingWorkers"] = "1", ["TrainService:MaxJobRuntime"] = "00:00:02" },
})
{
    [Fact]
    public async Task CancelOfAQueuedJob_CancelsItAtOnce_AndItNeverStarts()
    {
        var blocker = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>();
        await WaitForStatusAsync(blocker.Id, JobStatus.Running);
        var queued = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 2))).ReadAsync<JobResponse>();

        var response = await Client.PostAsync($"/api/jobs/{queued.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = await response.ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Cancelled, answered.Status); // in the answer itself: no worker involved
        Assert.NotNull(answered.FinishedAt);
        // The blocker ends at the server's 2-s limit; then the free worker reaches the cancelled job and leaves it alone.
        Assert.Equal(JobStatus.Failed, (await Client.WaitForFinalStateAsync(blocker.Id, TimeSpan.FromSeconds(30))).Status);
        await Task.Delay(500);
        var after = await (await Client.GetAsync($"/api/jobs/{queued.Id}")).ReadAsync<JobResponse>();
        Assert.Equal((JobStatus.Cancelled, (DateTimeOffset?)null, answered.FinishedAt), (after.Status, after.StartedAt, after.FinishedAt));
        Assert.Empty((await (await Client.GetAsync($"/api/jobs/{queued.Id}/metrics")).ReadAsync<MetricsResponse>()).Epochs);
    }

    [Fact]
    public async Task ServerWideMaxJobRuntime_FailsAJobWithoutItsOwnLimit()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>();

        var done = await Client.WaitForFinalStateAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.StartsWith("exceeded its time limit of 2 s during epoch", done.FailureReason);
        // Measured on the server's own clock: started, then stopped at the limit plus a few polls (generous:
        // the whole suite runs beside it on 2 cores; without the limit the job would run for hours).
        Assert.InRange((done.FinishedAt - done.StartedAt)!.Value.TotalSeconds, 2.0, 20.0);
    }

    async Task WaitForStatusAsync(Guid id, JobStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await Client.GetAsync($"/api/jobs/{id}")).ReadAsync<JobResponse>()).Status != status)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id} never became {status}");
            await Task.Delay(20);
        }
    }
}
