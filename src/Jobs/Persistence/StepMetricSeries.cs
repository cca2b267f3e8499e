using TrainService.Contracts.Responses;
using TrainService.Models.Training;

namespace TrainService.Jobs.Persistence;

/// <summary>Per-step metrics as rows of named series on the step axis (step = global optimizer step) and back.</summary>
internal static class StepMetricSeries
{
    public const string Loss = "loss", GradientNorm = "gradNorm", ClippedGradientNorm = "clippedGradNorm", LearningRate = "lr";
    public static readonly string[] Names = [Loss, GradientNorm, ClippedGradientNorm, LearningRate];

    public static IEnumerable<MetricRow> ToRows(Guid jobId, StepMetrics metrics)
    {
        int step = checked((int)metrics.Step);
        yield return new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = Loss, Step = step, Value = metrics.Loss };
        yield return new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = GradientNorm, Step = step, Value = metrics.GradientNorm };
        yield return new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = LearningRate, Step = step, Value = metrics.LearningRate };
        if (metrics.ClippedGradientNorm is { } clipped)
            yield return new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = ClippedGradientNorm, Step = step, Value = clipped };
    }

    /// <summary>A job's step-axis rows of these series (the axis also holds diagnostics).</summary>
    public static IQueryable<MetricRow> Query(TrainDbContext db, Guid jobId) =>
        db.MetricsOn(MetricAxis.Step).Where(m => m.JobId == jobId && Names.Contains(m.Name));

    public static IReadOnlyList<StepMetricsResponse> FromRows(IEnumerable<MetricRow> rows) =>
        rows.GroupBy(r => r.Step).OrderBy(g => g.Key).Select(g =>
        {
            var values = g.ToDictionary(r => r.Name, r => r.Value);
            return new StepMetricsResponse(g.Key, values.GetValueOrDefault(Loss, double.NaN), values.GetValueOrDefault(GradientNorm), values.GetValueOrDefault(LearningRate),
                values.TryGetValue(ClippedGradientNorm, out double clipped) ? clipped : null);
        }).ToList();
}
