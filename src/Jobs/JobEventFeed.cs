using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>One event of a job's live feed: its SSE event name and its Contracts record.</summary>
public sealed record JobFeedItem(string EventType, object Data)
{
    public const string Status = "status", Epoch = "epoch", Pathology = "pathology", End = "end";
}

/// <summary>
/// A job's progress as a feed: polls the database (the job may train in another process) and
/// yields what is new — status, epoch metrics, pathology events — then <c>end</c> once the job is
/// final. A late subscriber first gets everything so far.
/// </summary>
public sealed class JobEventFeed
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    readonly IDbContextFactory<TrainDbContext> dbFactory;

    internal JobEventFeed(IDbContextFactory<TrainDbContext> dbFactory) => this.dbFactory = dbFactory;

    public async Task<bool> ExistsAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AnyAsync(j => j.Id == jobId, ct);
    }

    public async IAsyncEnumerable<JobFeedItem> ReadAsync(Guid jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        JobStatus? sentStatus = null;
        int sentEpoch = 0;
        var sentEvents = new HashSet<(string, string, long)>();
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Status first: metrics are complete before a job is marked final, so a final status read here means nothing more will come.
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
            bool final = job.Status is not (JobStatus.Queued or JobStatus.Running);
            if (!final && job.Status != sentStatus)
            {
                sentStatus = job.Status;
                yield return new(JobFeedItem.Status, new JobStatusEvent(job.Status, job.FailureReason));
            }
            var epochRows = await EpochMetricSeries.Query(db, jobId).Where(m => m.Step > sentEpoch).ToListAsync(ct);
            foreach (var epoch in EpochMetricSeries.FromRows(epochRows))
            {
                sentEpoch = epoch.Epoch;
                yield return new(JobFeedItem.Epoch, epoch);
            }
            var events = await db.PathologyEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Step).ToListAsync(ct);
            foreach (var row in events.Where(e => sentEvents.Add((e.Kind, e.Layer, e.Step))))
                yield return new(JobFeedItem.Pathology, DiagnosticSeries.FromRow(row));
            if (final)
            {
                yield return new(JobFeedItem.Status, new JobStatusEvent(job.Status, job.FailureReason));
                yield return new(JobFeedItem.End, new JobStreamEnd(job.Status));
                yield break;
            }
            await Task.Delay(PollInterval, ct);
        }
    }
}
