using Microsoft.EntityFrameworkCore;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Persistence;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Suites;

/// <summary>A job's speed and the gradient ratio a suite may ask for, from the job's own metric rows.</summary>
internal sealed record SuiteJobFigures(double? SamplesPerSecond, double? FirstLastGradRatio)
{
    static readonly string GradNormPrefix = DiagnosticSeries.Name(DiagnosticMetrics.GradNorm, "");

    public static async Task<IReadOnlyDictionary<Guid, SuiteJobFigures>> ReadAsync(TrainDbContext db, IReadOnlyList<Guid> jobIds, bool gradRatio, CancellationToken ct)
    {
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => jobIds.Contains(m.JobId) && (m.Axis == MetricAxis.Epoch && m.Name == EpochMetricSeries.Seconds
                || m.Axis == MetricAxis.Step && (m.Name == DiagnosticSeries.TrainRows
                    || (gradRatio && (m.Name.StartsWith(GradNormPrefix) || m.Name.StartsWith(DiagnosticSeries.LayerPrefix))))))
            .ToListAsync(ct);
        return rows.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => Figures(g.ToList()));
    }

    /// <summary>
    /// Samples/s = training rows × epochs ÷ the epochs' seconds (as the results summary computes it).
    /// The ratio is ‖g‖ of the first parameterised layer over the last, at the first diagnosed step:
    /// the course's vanishing-gradient figure, taken before training has changed the network much.
    /// </summary>
    static SuiteJobFigures Figures(List<MetricRow> rows)
    {
        var seconds = rows.Where(r => r.Axis == MetricAxis.Epoch).ToList();
        var steps = rows.Where(r => r.Axis == MetricAxis.Step).ToList();
        double? trainRows = steps.Where(r => r.Name == DiagnosticSeries.TrainRows).OrderBy(r => r.Step).FirstOrDefault()?.Value;
        double total = seconds.Sum(r => r.Value);
        double? speed = trainRows is { } n && total > 0 ? n * seconds.Count / total : null;

        var positions = steps.Where(r => r.Name.StartsWith(DiagnosticSeries.LayerPrefix))
            .GroupBy(r => r.Name[DiagnosticSeries.LayerPrefix.Length..]).ToDictionary(g => g.Key, g => g.First().Value);
        var norms = steps.Where(r => r.Name.StartsWith(GradNormPrefix)).ToList();
        double? ratio = null;
        if (norms.Count > 0)
        {
            int first = norms.Min(r => r.Step);
            var layers = norms.Where(r => r.Step == first)
                .OrderBy(r => positions.GetValueOrDefault(r.Name[GradNormPrefix.Length..], double.MaxValue)).ToList();
            if (layers.Count >= 2 && layers[^1].Value > 0) ratio = layers[0].Value / layers[^1].Value;
        }
        return new SuiteJobFigures(speed, ratio);
    }
}
