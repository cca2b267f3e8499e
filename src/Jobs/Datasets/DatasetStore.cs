using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Access;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Data;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// Uploaded datasets: a blob in the artifact store plus a metadata row. The blob is written
/// first and the row second, so a row never points at a missing blob; a failed row insert
/// removes the blob again. Also serves the catalog (<see cref="IUploadedDatasets"/>).
/// </summary>
public sealed class DatasetStore : IUploadedDatasets
{
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly IArtifactStore artifacts;
    readonly TimeProvider clock;
    readonly Admission admission;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal DatasetStore(IDbContextFactory<TrainDbContext> dbFactory, IArtifactStore artifacts, TimeProvider clock, Admission admission)
    {
        this.dbFactory = dbFactory;
        this.artifacts = artifacts;
        this.clock = clock;
        this.admission = admission;
    }

    /// <summary>Stores the dataset, unless it would take its owner past the upload quota (then nothing is kept).</summary>
    public async Task<(DatasetResponse? Dataset, Refusal Refusal)> CreateAsync(ValidatedDataset data, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        string key = ArtifactKeys.Dataset(id);
        long size = artifacts.Write(key, stream => DatasetBlob.Write(stream, data));
        var row = new DatasetRow
        {
            Id = id,
            Name = data.Name,
            Task = data.Task,
            FeatureColumnsJson = JsonSerializer.Serialize(data.FeatureColumns),
            TargetColumnsJson = JsonSerializer.Serialize(data.TargetColumns),
            Rows = data.Rows,
            Classes = data.Classes,
            ClassBalanceJson = data.ClassBalance is null ? null : JsonSerializer.Serialize(data.ClassBalance),
            ArtifactKey = key,
            SizeBytes = size,
            CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Datasets.Add(row);
            var refusal = await admission.SaveDatasetAsync(db, size, ct);
            if (refusal != Refusal.None)
            {
                artifacts.Delete(key);
                return (null, refusal);
            }
        }
        catch
        {
            artifacts.Delete(key);
            throw;
        }
        return (ToResponse(row), Refusal.None);
    }

    public async Task<PagedList<DatasetResponse>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int total = await db.Datasets.CountAsync(ct);
        var rows = await db.Datasets.AsNoTracking()
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        return new PagedList<DatasetResponse>(rows.Select(ToResponse).ToList(), page, pageSize, total);
    }

    public async Task<DatasetResponse?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Datasets.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return row is null ? null : ToResponse(row);
    }

    /// <summary>Removes the row, then the blob: a crash in between leaves an unreferenced blob, never a dangling row.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Datasets.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (row is null) return false;
        db.Datasets.Remove(row);
        await db.SaveChangesAsync(ct);
        artifacts.Delete(row.ArtifactKey);
        return true;
    }

    public DatasetShape? Describe(Guid id)
    {
        using var db = dbFactory.CreateDbContext();
        var row = db.Datasets.AsNoTracking().FirstOrDefault(d => d.Id == id);
        return row is null ? null : ShapeOf(row);
    }

    public InMemoryDataset Load(Guid id)
    {
        using var db = dbFactory.CreateDbContext();
        var row = db.Datasets.AsNoTracking().FirstOrDefault(d => d.Id == id) ?? throw new DatasetNotFoundException(id);
        using var stream = artifacts.OpenRead(row.ArtifactKey);
        return DatasetBlob.Read(stream, ShapeOf(row));
    }

    static DatasetShape ShapeOf(DatasetRow row)
    {
        var task = row.Task switch
        {
            DatasetTask.Binary => TaskKind.BinaryClassification,
            DatasetTask.Multiclass => TaskKind.MulticlassClassification,
            _ => TaskKind.Regression,
        };
        int features = JsonSerializer.Deserialize<string[]>(row.FeatureColumnsJson)!.Length;
        int targets = JsonSerializer.Deserialize<string[]>(row.TargetColumnsJson)!.Length;
        return new DatasetShape([features], targets, task, row.Classes, row.Rows);
    }

    static DatasetResponse ToResponse(DatasetRow row) => new(
        row.Id, row.Name, row.Task,
        JsonSerializer.Deserialize<string[]>(row.FeatureColumnsJson)!,
        JsonSerializer.Deserialize<string[]>(row.TargetColumnsJson)!,
        row.Rows, row.Classes,
        row.ClassBalanceJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(row.ClassBalanceJson),
        row.SizeBytes, row.CreatedAt);
}
