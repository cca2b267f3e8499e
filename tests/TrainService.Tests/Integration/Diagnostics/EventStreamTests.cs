using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>Acceptance 3: a Client that connects after the job started gets every epoch, the earlier ones first.</summary>
public sealed class EventStreamTests : ServiceTest
{
    [Fact]
    public async Task LateClient_GetsEveryEpochInOrder_ThenTheFinalStatus()
    {
        const int epochs = 40;
        var created = await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs, samples: 2000, batchSize: 16));
        var id = (await created.ReadAsync<JobResponse>()).Id;
        // Connect only once the job has finished at least one epoch (bounded: a job failing early must not hang the run).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await (await Client.GetAsync($"/api/jobs/{id}/metrics")).ReadAsync<MetricsResponse>()).Epochs.Count == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id} recorded no epoch within 60 s");
            await Task.Delay(20);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/events");
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var items = new List<SseItem<string>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
            items.Add(item);

        var received = items.Where(i => i.EventType == "epoch").Select(i => JsonSerializer.Deserialize<EpochMetrics>(i.Data, ContractJson.Options)!).ToList();
        Assert.Equal(Enumerable.Range(1, epochs), received.Select(e => e.Epoch));
        var stored = (await (await Client.GetAsync($"/api/jobs/{id}/metrics")).ReadAsync<MetricsResponse>()).Epochs;
        Assert.Equal(stored, received);
        Assert.Equal("end", items[^1].EventType);
        Assert.Contains("\"succeeded\"", items[^2].Data);
        Assert.Equal("status", items[^2].EventType);
    }

    [Fact]
    public async Task PathologyEvents_AreStreamed_AsTheJobRecordsThem()
    {
        var id = (await (await Client.PostJsonTextAsync("/api/jobs", DiagnosticsSpecs.DeepMlp("sigmoid"))).ReadAsync<JobResponse>()).Id;

        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/events"), HttpCompletionOption.ResponseHeadersRead);
        var items = new List<SseItem<string>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
            items.Add(item);

        var streamed = items.Where(i => i.EventType == "pathology").Select(i => JsonSerializer.Deserialize<PathologyEvent>(i.Data, ContractJson.Options)!).ToList();
        Assert.Contains(streamed, e => e.Kind == PathologyKinds.VanishingGradient);
        var recorded = (await (await Client.GetAsync($"/api/jobs/{id}")).ReadAsync<JobResponse>()).Events!;
        Assert.Equal(recorded.Select(e => (e.Kind, e.Layer, e.Step)).Order(), streamed.Select(e => (e.Kind, e.Layer, e.Step)).Order());
        Assert.True(items.FindIndex(i => i.EventType == "pathology") < items.FindIndex(i => i.EventType == "end"));
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        var response = await Client.GetAsync($"/api/jobs/{Guid.NewGuid()}/events");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
