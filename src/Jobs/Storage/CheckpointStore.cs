using Microsoft.EntityFrameworkCore;
using TrainService.Jobs.Persistence;
using TrainService.Models.Training;

namespace TrainService.Jobs.Storage;

/// <summary>
/// Checkpoint blobs plus their rows. The blob is written to a temp file and moved into place
/// before the row exists, so a crash never leaves a row pointing at half a file.
/// </summary>
internal sealed class CheckpointStore(IDbContextFactory<TrainDbContext> dbFactory, IArtifactStore artifacts, TimeProvider clock)
{

    /// <summary>Writes the session's full state under <paramref name="name"/>, replacing an older one of that name. Runs on the training thread.</summary>
    public void Save(Guid jobId, string name, TrainingSession session, double? metricValue = null) =>
        Record(jobId, name, session.Progress.EpochsCompleted, session.Progress.GlobalStep, metricValue, key => artifacts.Write(key, session.SaveCheckpoint));

    /// <summary>Writes a checkpoint captured earlier in memory.</summary>
    public void SaveBytes(Guid jobId, string name, MemoryStream checkpoint, int epoch, long step, double? metricValue) =>
        Record(jobId, name, epoch, step, metricValue, key => artifacts.Write(key, destination => checkpoint.WriteTo(destination)));

    void Record(Guid jobId, string name, int epoch, long step, double? metricValue, Func<string, long> write)
    {
        string key = ArtifactKeys.Checkpoint(jobId, name);
        long size = write(key);
        using var db = dbFactory.CreateDbContext();
        db.Checkpoints.Where(c => c.JobId == jobId && c.Name == name).ExecuteDelete();
        db.Checkpoints.Add(new CheckpointRow
        {
            JobId = jobId, Name = name, Epoch = epoch, GlobalStep = step,
            MetricValue = metricValue, ArtifactKey = key, SizeBytes = size, CreatedAt = clock.GetUtcNow(),
        });
        db.SaveChanges();
    }

    /// <summary>Deletes periodic checkpoints beyond the newest <paramref name="keepLast"/>: rows first, then blobs.</summary>
    public void PrunePeriodic(Guid jobId, int keepLast)
    {
        using var db = dbFactory.CreateDbContext();
        var stale = db.Checkpoints.Where(c => c.JobId == jobId && c.Name.StartsWith("epoch-"))
            .OrderByDescending(c => c.GlobalStep).Skip(keepLast).ToList();
        Delete(db, stale);
    }

    public void Delete(Guid jobId, string name)
    {
        using var db = dbFactory.CreateDbContext();
        Delete(db, db.Checkpoints.Where(c => c.JobId == jobId && c.Name == name).ToList());
    }

    void Delete(TrainDbContext db, List<CheckpointRow> rows)
    {
        if (rows.Count == 0) return;
        db.Checkpoints.RemoveRange(rows);
        db.SaveChanges();
        foreach (var row in rows) artifacts.Delete(row.ArtifactKey);
    }

    /// <summary>The checkpoint a resumed run continues from: the one with the most steps.</summary>
    public async Task<CheckpointRow?> NewestAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Checkpoints.AsNoTracking().Where(c => c.JobId == jobId)
            .OrderByDescending(c => c.GlobalStep).ThenByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>A checkpoint by name; <c>latest</c> means the newest.</summary>
    public async Task<CheckpointRow?> ResolveAsync(Guid jobId, string name, CancellationToken ct)
    {
        if (name == CheckpointNames.Latest) return await NewestAsync(jobId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.JobId == jobId && c.Name == name, ct);
    }

    public async Task<IReadOnlyList<CheckpointRow>> ListAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Checkpoints.AsNoTracking().Where(c => c.JobId == jobId).OrderBy(c => c.GlobalStep).ThenBy(c => c.Name).ToListAsync(ct);
    }

    public Stream OpenRead(CheckpointRow row) => artifacts.OpenRead(row.ArtifactKey);
}
