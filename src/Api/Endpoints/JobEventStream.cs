using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Persistence;

namespace TrainService.Api.Endpoints;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c>: polls the database (the job may train in another process) and
/// sends what is new as Server-Sent Events — <c>status</c>, <c>epoch</c>, <c>pathology</c> — then
/// <c>end</c> once the job is final. A client that connects late first gets everything so far.
/// </summary>
static class JobEventStream
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> Stream(
        Guid id, IDbContextFactory<TrainDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Jobs.AnyAsync(j => j.Id == id, ct)) return JobsEndpoints.JobNotFound(id);
        return TypedResults.ServerSentEvents(Events(id, dbFactory, ct));
    }

    static async IAsyncEnumerable<SseItem<string>> Events(Guid id, IDbContextFactory<TrainDbContext> dbFactory, [EnumeratorCancellation] CancellationToken ct)
    {
        JobStatus? sentStatus = null;
        int sentEpoch = 0;
        var sentEvents = new HashSet<(string, string, long)>();
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Status first: metrics are complete before a job is marked final, so a final status read here means nothing more will come.
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
            bool final = job.Status is not (JobStatus.Queued or JobStatus.Running);
            if (!final && job.Status != sentStatus)
            {
                sentStatus = job.Status;
                yield return Item("status", new { status = job.Status, failureReason = job.FailureReason });
            }
            var epochRows = await db.Metrics.AsNoTracking()
                .Where(m => m.JobId == id && EpochMetricSeries.Names.Contains(m.Name) && m.Step > sentEpoch).ToListAsync(ct);
            foreach (var epoch in EpochMetricSeries.FromRows(epochRows))
            {
                sentEpoch = epoch.Epoch;
                yield return Item("epoch", epoch);
            }
            var events = await db.PathologyEvents.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.Step).ToListAsync(ct);
            foreach (var row in events.Where(e => sentEvents.Add((e.Kind, e.Layer, e.Step))))
                yield return Item("pathology", DiagnosticSeries.FromRow(row));
            if (final)
            {
                yield return Item("status", new { status = job.Status, failureReason = job.FailureReason });
                yield return Item("end", new { status = job.Status });
                yield break;
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    static SseItem<string> Item<T>(string type, T payload) => new(JsonSerializer.Serialize(payload, ContractJson.Options), type);
}
