using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// Many concurrent submissions while the only worker is busy: only 201 or 429, never 5xx; once
/// <c>MaxQueuedJobs</c> jobs wait, a submission is refused with <c>Retry-After: 5</c>; every
/// accepted job succeeds. The busy worker makes the queue fill for certain, not by outrunning it.
/// </summary>
public sealed class SubmissionLoadTests() : ServiceTest(new TrainServiceFactory
{
    Settings = new Dictionary<string, string> { ["TrainService:MaxQueuedJobs"] = "5", ["TrainService:TrainingWorkers"] = "1" },
})
{
    [Fact]
    public async Task ConcurrentSubmissions_WhileTheWorkerIsBusy_Get201Or429_AndAcceptedJobsSucceed()
    {
        var blocker = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>();
        await WaitForStatusAsync(blocker.Id, JobStatus.Running);

        string spec = Specs.Xor(epochs: 2, samples: 8, batchSize: 4);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Client.PostJsonTextAsync("/api/jobs", spec)));
        var overCap = await Client.PostJsonTextAsync("/api/jobs", spec);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, $"got {(int)r.StatusCode}"));
        var accepted = new List<JobResponse>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
            accepted.Add(await response.ReadAsync<JobResponse>());
        // Nothing left the queue (the worker is busy), so the first five always fit.
        Assert.True(accepted.Count >= 5, $"{accepted.Count} accepted");
        Assert.Equal(HttpStatusCode.TooManyRequests, overCap.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), overCap.Headers.RetryAfter!.Delta);
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.Equal(TimeSpan.FromSeconds(5), r.Headers.RetryAfter?.Delta));

        await Client.PostAsync($"/api/jobs/{blocker.Id}/cancel", null);
        Assert.Equal(JobStatus.Cancelled, (await Client.WaitForFinalStateAsync(blocker.Id, TimeSpan.FromSeconds(30))).Status);
        foreach (var job in accepted)
            Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(job.Id, TimeSpan.FromSeconds(60))).Status);
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
