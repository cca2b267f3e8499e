using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// A time-limited claim on a job in the database. Hangfire delivers at least once; the lease makes
/// a second delivery of a job that is still being trained back off instead of training it twice.
/// </summary>
internal sealed class JobLease(IDbContextFactory<TrainDbContext> dbFactory, WorkerIdentity worker, TimeProvider clock, TimeSpan duration)
{
    /// <summary>TrainService:WorkerLostAfter: a holder that stops renewing for this long has lost the job.</summary>
    public TimeSpan Duration { get; } = duration;

    /// <summary>
    /// When this worker now holds the job (it was free, expired, or already ours): the instant the lease's
    /// <see cref="Duration"/> counts from, so the holder's renewals can start from it. Null when another worker holds it.
    /// </summary>
    public async Task<DateTimeOffset?> TryClaimAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var until = now + Duration;
        string me = worker.Instance;
        int claimed = await db.Jobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .Where(j => j.LeaseOwner == null || j.LeaseOwner == me || j.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, me).SetProperty(j => j.LeaseExpiresAt, until), ct);
        return claimed == 1 ? now : null;
    }

    public async Task RenewAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = clock.GetUtcNow() + Duration;
        string me = worker.Instance;
        await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == me)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, until), ct);
    }

    public async Task ReleaseAsync(Guid jobId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        string me = worker.Instance;
        await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == me)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
    }

    /// <summary>
    /// Claims the job, waiting out the lease of a holder that went silent (a killed worker): the claim's
    /// instant once claimed; null when the job is no longer active, or its holder kept renewing for a whole lease period.
    /// </summary>
    public async Task<DateTimeOffset?> ClaimWhenFreeAsync(Guid jobId, Func<CancellationToken, Task<bool>> isActive, CancellationToken ct)
    {
        var giveUpAt = clock.GetUtcNow() + Duration + Duration / 10;
        var pause = Duration / 20;
        while (true)
        {
            if (await TryClaimAsync(jobId, ct) is { } claimed) return claimed;
            if (!await isActive(ct) || clock.GetUtcNow() > giveUpAt) return null;
            await Task.Delay(pause, clock, ct);
        }
    }
}
