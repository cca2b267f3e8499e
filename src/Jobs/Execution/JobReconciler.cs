using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// At start-up, before the workers start: in the embedded default the Hangfire queue lived in
/// memory and died with the previous process, so every job the database still shows as queued or
/// running is handed to the queue again (its stale lease cleared). Running ones resume from
/// their newest checkpoint. (In postgres mode the queue outlives every process, so that step is skipped;
/// a job whose api died before enqueueing it is found by <see cref="QueuedOrphanSweeper"/> instead.)
/// Then every halving study is advanced, in every mode.
/// </summary>
internal sealed class JobReconciler(IDbContextFactory<TrainDbContext> dbFactory, IJobQueue queue, IOptions<TrainServiceOptions> options,
    Studies.HalvingScheduler halving, ILogger<JobReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Value.Storage == StorageKind.Sqlite) await RequeueAsync(ct);
        // A promotion the previous process did not get to (it died between a rung's last job and the cut).
        await halving.AdvanceAllAsync(ct);
    }

    async Task RequeueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orphanRows = await db.Jobs.Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.SpecJson }).ToListAsync(ct);
        var orphans = orphanRows.Select(j => j.Id).ToList();
        if (orphans.Count == 0) return;
        await db.Jobs.Where(j => orphans.Contains(j.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct);
        foreach (var orphan in orphanRows)
            queue.EnqueueStored(orphan.Id, orphan.SpecJson);
        logger.LogInformation("Re-enqueued {Count} jobs left queued or running by the previous process", orphans.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
