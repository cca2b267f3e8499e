using System.Net;
using System.Text.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

public sealed class JobListTests : ServiceTest
{
    static string Named(string name, int epochs) => Specs.Xor(epochs).Replace($"\"name\": \"xor-{epochs}\"", $"\"name\": \"{name}\"");

    async Task<Guid> SubmitAsync(string spec) =>
        (await (await Client.PostJsonTextAsync("/api/jobs", spec)).ReadAsync<JobResponse>()).Id;

    [Fact]
    public async Task ListItems_AreSummaries_WithoutTheSpec()
    {
        var id = await SubmitAsync(Named("summary", 3));
        await Client.WaitForFinalStateAsync(id);

        var body = await (await Client.GetAsync("/api/jobs")).Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var item = document.RootElement.GetProperty("items")[0];
        Assert.False(item.TryGetProperty("spec", out _), "list items carry no spec");
        var summary = item.Deserialize<JobSummary>(TrainService.Contracts.Json.ContractJson.Options)!;
        Assert.Equal((id, "summary", JobStatus.Succeeded, "xor", "linear", 3, 3), (summary.Id, summary.Name, summary.Status, summary.DatasetKind, summary.ModelKind, summary.EpochsCompleted, summary.Epochs));
        Assert.Equal(3, summary.FinalMetrics!.Epoch);
        Assert.NotNull(summary.FinishedAt);
    }

    [Fact]
    public async Task Filters_ByStatus_NamePrefix_AndCreationTime_Combine()
    {
        var early = await SubmitAsync(Named("alpha-early", 1));
        var between = (await Client.WaitForFinalStateAsync(early)).CreatedAt.AddMilliseconds(1);
        await Task.Delay(5);
        var late = await SubmitAsync(Named("beta-late", 100_000));
        await Client.PostAsync($"/api/jobs/{late}/cancel", null);
        await Client.WaitForFinalStateAsync(late);

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await Client.GetAsync($"/api/jobs?{query}")).ReadAsync<PagedList<JobSummary>>()).Items.Select(j => j.Id);

        Assert.Equal([late], await Ids("status=cancelled"));
        Assert.Equal([early], await Ids("status=Succeeded"));
        Assert.Equal([early], await Ids("name=alpha"));
        Assert.Equal([late], await Ids($"createdAfter={Uri.EscapeDataString(between.ToString("O"))}"));
        Assert.Empty(await Ids("status=succeeded&name=beta"));
        Assert.Equal([late, early], await Ids("createdAfter=2000-01-01"));
    }

    [Fact]
    public async Task BadQueryParameters_AreAllNamed_InOneProblem()
    {
        var response = await Client.GetAsync("/api/jobs?status=3&createdAfter=yesterday&page=abc&pageSize=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = await response.ReadValidationErrorsAsync();
        Assert.Equal(["createdAfter", "page", "pageSize", "status"], errors.Keys.Order());
        Assert.Contains("queued, running, succeeded, failed, cancelled", errors["status"][0]);
    }
}
