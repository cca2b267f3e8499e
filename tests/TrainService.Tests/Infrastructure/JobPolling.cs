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
}
