using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Persistence;
using TrainService.Models.Networks;

namespace TrainService.Jobs.Diagnostics;

/// <summary>The results summary of one job, computed from its stored rows.</summary>
internal static class JobResults
{
    public static async Task<JobResultsResponse?> ReadAsync(TrainDbContext db, Guid jobId, DateTimeOffset now, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return null;
        var spec = JsonSerializer.Deserialize<TrainingSpec>(job.SpecJson, ContractJson.Options)!;
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => m.JobId == jobId && ((m.Axis == MetricAxis.Epoch && (EpochMetricSeries.Names.Contains(m.Name) || m.Name == DiagnosticSeries.PeakMemory))
                || (m.Axis == MetricAxis.Step && m.Name == DiagnosticSeries.TrainRows)))
            .ToListAsync(ct);
        var epochs = EpochMetricSeries.FromRows(rows.Where(r => r.Axis == MetricAxis.Epoch && EpochMetricSeries.Names.Contains(r.Name)));
        bool byValidation = epochs.Any(e => e.ValLoss is not null);
        var best = epochs.Count == 0 ? null : epochs.MinBy(e => byValidation ? e.ValLoss ?? double.PositiveInfinity : e.TrainLoss);
        double epochSeconds = epochs.Sum(e => e.Seconds);
        double? trainRows = rows.FirstOrDefault(r => r.Axis == MetricAxis.Step && r.Name == DiagnosticSeries.TrainRows)?.Value;
        var peaks = rows.Where(r => r.Axis == MetricAxis.Epoch && r.Name == DiagnosticSeries.PeakMemory).Select(r => (long)r.Value).ToList();
        return new JobResultsResponse(
            jobId, job.Status,
            epochs.Count == 0 ? null : epochs[^1],
            byValidation ? EpochMetricSeries.ValLoss : EpochMetricSeries.TrainLoss,
            best, best?.Epoch,
            ShapeInference.Infer(spec.Model).Layers.Sum(l => l.Parameters),
            job.StartedAt is { } started ? ((job.FinishedAt ?? now) - started).TotalSeconds : null,
            epochs.Count == 0 ? null : epochSeconds / epochs.Count,
            trainRows is { } n && epochSeconds > 0 ? n * epochs.Count / epochSeconds : null,
            peaks.Count == 0 ? null : peaks.Max(),
            epochs.Count,
            await TestMetricSeries.ReadAsync(db, jobId, ct),
            await DiagnosticsReader.EventsAsync(db, jobId, ct));
    }
}
