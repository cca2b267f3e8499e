using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// PostgreSQL mode, api and all roles: an api process that dies between storing a job and enqueueing it
/// (before it answered) leaves a row queued with nothing to train it. Every half of
/// TrainService:OrphanedJobAfter, one api process at a time (an advisory lock; the others skip that
/// round) enqueues every never-started queued job older than that which Hangfire does not hold. A job
/// still being submitted is younger than that, so it is never enqueued twice; and were it ever
/// delivered twice, the job's lease and status make the second delivery train nothing. (The embedded
/// default needs none of this: its queue dies with the process, and <see cref="JobReconciler"/> re-enqueues at start-up.)
/// </summary>
internal sealed class QueuedOrphanSweeper(IDbContextFactory<TrainDbContext> dbFactory, IServiceProvider services, IJobQueue queue,
    IOptions<TrainServiceOptions> options, TimeProvider clock, ILogger<QueuedOrphanSweeper> logger) : BackgroundService
{
    // Another fixed number beside MigrationLock's: "TrainSwp".
    const long LockKey = 0x54_72_61_69_6E_53_77_70;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Storage != StorageKind.Postgres || !settings.Role.ServesApi()) return;
        using var timer = new PeriodicTimer(settings.OrphanedJobAfter / 2, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await SweepAsync(ct);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Looking for queued jobs without a queue entry failed; trying again next round");
            }
        }
    }

    /// <summary>The number of jobs enqueued again; null when another process holds the sweep.</summary>
    public async Task<int?> SweepAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var sweep = await PostgresAdvisoryLock.TryAcquireAsync(db.Database.GetConnectionString()!, LockKey, ct);
        if (sweep is null) return null;
        var now = clock.GetUtcNow();
        var before = now - options.Value.OrphanedJobAfter;
        var candidates = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued && j.StartedAt == null && j.CreatedAt < before && (j.LeaseOwner == null || j.LeaseExpiresAt < now))
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.SpecJson }).ToListAsync(ct);
        if (candidates.Count == 0) return 0;
        // Read after the rows: a job enqueued meanwhile (by its api process, late) is in it.
        var live = LiveTrainingJobs.Read(services.GetRequiredService<JobStorage>());
        int enqueued = 0;
        foreach (var orphan in candidates.Where(c => !live.Contains(c.Id)))
        {
            queue.EnqueueStored(orphan.Id, orphan.SpecJson);
            enqueued++;
        }
        if (enqueued > 0)
            logger.LogWarning("Enqueued {Count} jobs left queued without a queue entry (their api process died before enqueueing them)", enqueued);
        return enqueued;
    }
}
