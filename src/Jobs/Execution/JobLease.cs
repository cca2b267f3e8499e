using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// A time-limited claim on a job in the database. Hangfire delivers at least once; the lease makes
/// a second delivery of a job that is still being trained back off instead of training it twice.
/// </summary>
internal sealed class JobLease(IDbContextFactory<TrainDbContext> dbFactory, WorkerIdentity worker, TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <summary>True when this worker now holds the job (it was free, expired, or already ours).</summary>
    public async Task<bool> TryClaimAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var until = now + Duration;
        string me = worker.Name;
        int claimed = await db.Jobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .Where(j => j.LeaseOwner == null || j.LeaseOwner == me || j.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, me).SetProperty(j => j.LeaseExpiresAt, until), ct);
        return claimed == 1;
    }

    public async Task RenewAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = clock.GetUtcNow() + Duration;
        string me = worker.Name;
        await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == me)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, until), ct);
    }

    public async Task ReleaseAsync(Guid jobId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        string me = worker.Name;
        await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == me)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
    }
}
