using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;

namespace TrainService.Jobs;

/// <summary>
/// What the API reads about jobs beyond JobStore: diagnostics, results, comparisons and
/// checkpoints, always as Contracts records. Endpoints never see the database.
/// </summary>
public sealed class JobQueries
{
    readonly TrainDbContext db;
    readonly CheckpointStore checkpoints;
    readonly TimeProvider clock;

    internal JobQueries(TrainDbContext db, CheckpointStore checkpoints, TimeProvider clock) =>
        (this.db, this.checkpoints, this.clock) = (db, checkpoints, clock);

    /// <summary>The per-epoch metrics /api/compare can align.</summary>
    public static IReadOnlyList<string> ComparableMetrics { get; } = EpochMetricSeries.Names;

    public const string DefaultComparedMetric = EpochMetricSeries.ValLoss;

    public Task<DiagnosticsResponse?> DiagnosticsAsync(Guid jobId, CancellationToken ct) => DiagnosticsReader.ReadAsync(db, jobId, ct);

    public Task<JobResultsResponse?> ResultsAsync(Guid jobId, CancellationToken ct) => JobResults.ReadAsync(db, jobId, clock.GetUtcNow(), ct);

    /// <summary>The metric of several jobs aligned by epoch; or the first id that is not a job.</summary>
    public Task<(ComparisonResponse? Comparison, Guid? Missing)> CompareAsync(IReadOnlyList<Guid> jobIds, string metric, CancellationToken ct) =>
        RunComparison.CompareAsync(db, jobIds, metric, ct);

    public Task<bool> ExistsAsync(Guid jobId, CancellationToken ct) => db.Jobs.AnyAsync(j => j.Id == jobId, ct);

    /// <summary>The job's checkpoints, oldest first; null when the job does not exist.</summary>
    public async Task<IReadOnlyList<CheckpointResponse>?> CheckpointsAsync(Guid jobId, CancellationToken ct)
    {
        if (!await ExistsAsync(jobId, ct)) return null;
        var rows = await checkpoints.ListAsync(jobId, ct);
        return rows.Select(r => new CheckpointResponse(r.Name, r.Epoch, r.GlobalStep, r.MetricValue, r.SizeBytes, r.CreatedAt)).ToList();
    }

    /// <summary>A checkpoint's bytes and the name it downloads as; null when there is no such checkpoint.</summary>
    public async Task<(Stream Content, string FileName)?> OpenCheckpointAsync(Guid jobId, string name, CancellationToken ct) =>
        await checkpoints.ResolveAsync(jobId, name, ct) is { } row ? (checkpoints.OpenRead(row), $"{jobId:N}-{row.Name}.ckpt") : null;
}
