using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// At start-up, before the workers start: in the embedded default the Hangfire queue lived in
/// memory and died with the previous process, so every job the database still shows as queued or
/// running is handed to the queue again (its stale lease cleared). Running ones resume from
/// their newest checkpoint. Then every halving study is advanced.
/// </summary>
internal sealed class JobReconciler(IDbContextFactory<TrainDbContext> dbFactory, IJobQueue queue, Studies.HalvingScheduler halving, ILogger<JobReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await RequeueAsync(ct);
        // A promotion the previous process did not get to (it died between a rung's last job and the cut).
        await halving.AdvanceAllAsync(ct);
    }

    async Task RequeueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orphans = await db.Jobs.Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(ct);
        if (orphans.Count == 0) return;
        await db.Jobs.Where(j => orphans.Contains(j.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct);
        foreach (var id in orphans) queue.Enqueue(id);
        logger.LogInformation("Re-enqueued {Count} jobs left queued or running by the previous process", orphans.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
