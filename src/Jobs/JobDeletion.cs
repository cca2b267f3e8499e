using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;

namespace TrainService.Jobs;

/// <summary>
/// Removes finished jobs: every row that names them in one transaction, then their blobs. Rows go
/// first so that no row ever points at a missing object; a blob already gone (or one the store
/// fails to delete, left as an orphan and logged) never brings a row back.
/// </summary>
internal sealed class JobDeletion(TrainDbContext db, IArtifactStore artifacts, ILogger<JobDeletion> logger)
{
    /// <summary>The caller has checked that every job is finished and free to go; <paramref name="study"/>'s rows go in the same transaction.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<Guid> ids, Guid? study, CancellationToken ct)
    {
        var blobs = await db.Checkpoints.Where(c => ids.Contains(c.JobId)).Select(c => c.ArtifactKey).ToListAsync(ct);
        blobs.AddRange(ids.Select(ArtifactKeys.Preprocessing));
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Checkpoints.Where(c => ids.Contains(c.JobId)).ExecuteDeleteAsync(ct);
            await db.Metrics.Where(m => ids.Contains(m.JobId)).ExecuteDeleteAsync(ct);
            await db.PathologyEvents.Where(e => ids.Contains(e.JobId)).ExecuteDeleteAsync(ct);
            await db.StudyJobs.Where(l => ids.Contains(l.JobId)).ExecuteDeleteAsync(ct);
            await db.Jobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(ct);
            if (study is { } studyId)
            {
                await db.StudyJobs.Where(l => l.StudyId == studyId).ExecuteDeleteAsync(ct);
                await db.Studies.Where(s => s.Id == studyId).ExecuteDeleteAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        foreach (string key in blobs)
        {
            try
            {
                artifacts.Delete(key);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Artifact {Key} of a deleted job could not be deleted; it stays as an orphan no row points at", key);
            }
        }
    }

    /// <summary>Unfinished jobs whose spec warm-starts from one of <paramref name="ids"/>: deleting those would take their initial weights away.</summary>
    public async Task<Guid?> WarmStartedFromAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var active = await db.Jobs.AsNoTracking()
            .Where(j => (j.Status == Contracts.Responses.JobStatus.Queued || j.Status == Contracts.Responses.JobStatus.Running) && j.SpecJson.Contains("warmStart"))
            .Select(j => new { j.Id, j.SpecJson }).ToListAsync(ct);
        return active.FirstOrDefault(j => ids.Any(id => j.SpecJson.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)))?.Id;
    }
}
