using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>Many concurrent submissions against the embedded default: only 201 or 429, never 5xx, and every accepted job succeeds.</summary>
public sealed class SubmissionLoadTests() : ServiceTest(new TrainServiceFactory { Settings = new Dictionary<string, string> { ["TrainService:MaxQueuedJobs"] = "60" } })
{

    [Fact]
    public async Task TwoHundredConcurrentSubmissions_Get201Or429_AndAcceptedJobsSucceed()
    {
        string spec = Specs.Xor(epochs: 2, samples: 8, batchSize: 4);
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Client.PostJsonTextAsync("/api/jobs", spec)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, $"got {(int)r.StatusCode}"));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter is not null, "429 carries Retry-After"));
        var accepted = new List<JobResponse>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
            accepted.Add(await response.ReadAsync<JobResponse>());
        Assert.NotEmpty(accepted);
        Assert.NotEmpty(refused);

        foreach (var job in accepted)
            Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(job.Id)).Status);
    }
}
