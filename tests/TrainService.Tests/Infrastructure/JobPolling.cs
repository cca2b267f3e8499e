using System.Net.Http.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;

namespace TrainService.Tests.Infrastructure;

public static class JobPolling
{
    /// <summary>Polls a job until it leaves queued/running, or fails the test after the timeout.</summary>
    public static async Task<JobResponse> WaitForFinalStateAsync(this HttpClient client, Guid id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var job = await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{id}", ContractJson.Options);
            if (job!.Status is not (JobStatus.Queued or JobStatus.Running)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Job {id} still {job.Status} after the timeout.");
            await Task.Delay(50);
        }
    }

    /// <summary>Submits a spec (which must be accepted: 201) and waits for the job's final state.</summary>
    public static async Task<JobResponse> SubmitAndWaitAsync(this HttpClient client, string spec, TimeSpan? timeout = null)
    {
        var created = await client.PostJsonTextAsync("/api/jobs", spec);
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id, timeout);
    }

    /// <summary>Submits a spec and waits for it, failing the test with the reason unless it succeeded.</summary>
    public static async Task<JobResponse> TrainToSuccessAsync(this HttpClient client, string spec)
    {
        var done = await client.SubmitAndWaitAsync(spec);
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.FailureReason}");
        return done;
    }
}
