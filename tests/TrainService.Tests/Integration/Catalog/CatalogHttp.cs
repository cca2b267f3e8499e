using System.Net.Http.Json;
using System.Text;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Catalog;

/// <summary>Posts a raw JSON spec, waits for the job and returns its final state and per-epoch metrics.</summary>
public static class CatalogHttp
{
    public static async Task<(JobResponse Job, IReadOnlyList<EpochMetrics> Epochs)> TrainAsync(HttpClient client, string spec)
    {
        var response = await client.PostAsync("/api/jobs", new StringContent(spec, Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var created = (await response.Content.ReadFromJsonAsync<JobResponse>(ContractJson.Options))!;
        var job = await client.WaitForFinalStateAsync(created.Id, TimeSpan.FromSeconds(240));
        Assert.True(job.Status == JobStatus.Succeeded, job.FailureReason);
        var metrics = (await client.GetFromJsonAsync<MetricsResponse>($"/api/jobs/{job.Id}/metrics", ContractJson.Options))!;
        return (job, metrics.Epochs);
    }

    public static string Spec(string dataset, string inputShape, string layers, string loss, string optimizer, string training) =>
        $$"""{"name":"catalog","dataset":{{dataset}},"model":{"inputShape":{{inputShape}},"layers":[{{layers}}]},"loss":{{loss}},"optimizer":{{optimizer}},"training":{{training}}}""";
}
