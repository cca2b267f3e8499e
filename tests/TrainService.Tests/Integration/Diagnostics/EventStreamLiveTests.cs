using System.Net.ServerSentEvents;
using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// The event stream is live: it opens with the job's current status, delivers epochs while the job
/// still runs (not only once it finished), and after a cancel ends with the final status and <c>end</c>.
/// </summary>
public sealed class EventStreamLiveTests : ServiceTest
{
    [Fact]
    public async Task Stream_OpensWithStatus_StreamsEpochsWhileRunning_AndEndsAfterCancel()
    {
        var id = (await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>()).Id;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/events"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var items = new List<SseItem<string>>();
        bool cancelled = false;

        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
        {
            items.Add(item);
            if (!cancelled && items.Count(i => i.EventType == "epoch") == 3)
            {
                // Three epochs arrived and the job is still running: the stream did not wait for the end.
                var now = await (await Client.GetAsync($"/api/jobs/{id}")).ReadAsync<JobResponse>();
                Assert.Equal(JobStatus.Running, now.Status);
                await Client.PostAsync($"/api/jobs/{id}/cancel", null);
                cancelled = true;
            }
        }

        Assert.True(cancelled, $"the stream ended before three epochs: {string.Join(", ", items.Select(i => i.EventType))}");
        Assert.Equal("status", items[0].EventType);
        Assert.Contains(JsonSerializer.Deserialize<JsonElement>(items[0].Data).GetProperty("status").GetString(), new[] { "queued", "running" });
        var epochs = items.Where(i => i.EventType == "epoch").Select(i => JsonSerializer.Deserialize<EpochMetrics>(i.Data, ContractJson.Options)!.Epoch).ToList();
        Assert.Equal(Enumerable.Range(1, epochs.Count), epochs);
        Assert.Equal(("status", "end"), (items[^2].EventType, items[^1].EventType));
        Assert.Contains("\"cancelled\"", items[^2].Data);
    }
}
