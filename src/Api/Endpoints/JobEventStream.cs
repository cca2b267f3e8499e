using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Json;
using TrainService.Jobs;

namespace TrainService.Api.Endpoints;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c>: the job's feed as Server-Sent Events — <c>status</c>
/// (JobStatusEvent), <c>epoch</c> (EpochMetrics), <c>pathology</c> (PathologyEvent) — then
/// <c>end</c> (JobStreamEnd) once the job is final. A client that connects late first gets everything so far.
/// </summary>
static class JobEventStream
{
    public static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> Stream(Guid id, JobEventFeed feed, CancellationToken ct)
    {
        if (!await feed.ExistsAsync(id, ct)) return JobsEndpoints.JobNotFound(id);
        return TypedResults.ServerSentEvents(Events(feed, id, ct));
    }

    static async IAsyncEnumerable<SseItem<string>> Events(JobEventFeed feed, Guid id, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in feed.ReadAsync(id, ct))
            yield return new SseItem<string>(JsonSerializer.Serialize(item.Data, item.Data.GetType(), ContractJson.Options), item.EventType);
    }
}
