using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Access;

/// <summary>Why a submission or upload was refused before anything was stored.</summary>
public enum Refusal { None, QueueFull, OwnerJobQuota, OwnerByteQuota }

/// <summary>
/// The one place where limits are checked and the new rows inserted, as one step: every count
/// and the insert that follows it run under <see cref="IAdmissionLock"/>, so concurrent
/// submissions cannot all see room for themselves (count, then insert, without it let a burst
/// past MaxQueuedJobs). Limits: the server's queued jobs (MaxQueuedJobs) and, in keys mode, the
/// owner's queued+running jobs and uploaded bytes.
/// </summary>
internal sealed class Admission(IAdmissionLock gate, IOptions<TrainServiceOptions> service, IOptions<AccessOptions> access)
{
    /// <summary>Inserts <paramref name="newJobs"/> queued jobs (already added to <paramref name="db"/>) when they fit.</summary>
    public Task<Refusal> SaveJobsAsync(TrainDbContext db, int newJobs, CancellationToken ct) =>
        gate.RunExclusiveAsync(db, async token =>
        {
            // Across owners: the queue is the server's.
            int queued = await db.Jobs.IgnoreQueryFilters().CountAsync(j => j.Status == JobStatus.Queued, token);
            if (queued + newJobs > service.Value.MaxQueuedJobs) return Refusal.QueueFull;
            if (db.Owner.Length > 0)
            {
                int active = await db.Jobs.IgnoreQueryFilters()
                    .CountAsync(j => j.Owner == db.Owner && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), token);
                if (active + newJobs > access.Value.MaxActiveJobsPerOwner) return Refusal.OwnerJobQuota;
            }
            await db.SaveChangesAsync(token);
            return Refusal.None;
        }, ct);

    /// <summary>Inserts a dataset row (already added to <paramref name="db"/>) when the owner's uploads stay within quota.</summary>
    public Task<Refusal> SaveDatasetAsync(TrainDbContext db, long newBytes, CancellationToken ct) =>
        gate.RunExclusiveAsync(db, async token =>
        {
            if (db.Owner.Length > 0)
            {
                long stored = await db.Datasets.IgnoreQueryFilters().Where(d => d.Owner == db.Owner).SumAsync(d => d.SizeBytes, token);
                if (stored + newBytes > access.Value.MaxUploadedBytesPerOwner) return Refusal.OwnerByteQuota;
            }
            await db.SaveChangesAsync(token);
            return Refusal.None;
        }, ct);
}

/// <summary>Makes an admission's counts and insert one step.</summary>
internal interface IAdmissionLock
{
    Task<T> RunExclusiveAsync<T>(TrainDbContext db, Func<CancellationToken, Task<T>> body, CancellationToken ct);
}

/// <summary>
/// One admission at a time in this process and, on PostgreSQL (several API processes on one
/// database), across processes too: a transaction-scoped advisory lock around the counts and the
/// insert, released by the commit. SQLite has one process per file, so the process gate suffices.
/// </summary>
internal sealed class AdmissionLock : IAdmissionLock
{
    // Any constant shared by every process of the deployment; the value only has to be unique among our advisory locks.
    const long AdvisoryKey = 0x7472_6169_6E00_0001;
    readonly SemaphoreSlim gate = new(1, 1);

    public async Task<T> RunExclusiveAsync<T>(TrainDbContext db, Func<CancellationToken, Task<T>> body, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (!db.Database.IsNpgsql()) return await body(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey})", ct);
            var result = await body(ct);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }
}
