using TrainService.Contracts.Responses;
using TrainService.Models.Training;

namespace TrainService.Jobs.Persistence;

/// <summary>Per-step metrics as rows of named series (step = global optimizer step) and back.</summary>
internal static class StepMetricSeries
{
    public const string Loss = "step.loss", GradientNorm = "step.gradNorm", ClippedGradientNorm = "step.clippedGradNorm", LearningRate = "step.lr";
    public static readonly string[] Names = [Loss, GradientNorm, ClippedGradientNorm, LearningRate];

    public static IEnumerable<MetricRow> ToRows(Guid jobId, StepMetrics metrics)
    {
        int step = checked((int)metrics.Step);
        yield return new MetricRow { JobId = jobId, Name = Loss, Step = step, Value = metrics.Loss };
        yield return new MetricRow { JobId = jobId, Name = GradientNorm, Step = step, Value = metrics.GradientNorm };
        yield return new MetricRow { JobId = jobId, Name = LearningRate, Step = step, Value = metrics.LearningRate };
        if (metrics.ClippedGradientNorm is { } clipped)
            yield return new MetricRow { JobId = jobId, Name = ClippedGradientNorm, Step = step, Value = clipped };
    }

    public static IReadOnlyList<StepMetricsResponse> FromRows(IEnumerable<MetricRow> rows) =>
        rows.GroupBy(r => r.Step).OrderBy(g => g.Key).Select(g =>
        {
            var values = g.ToDictionary(r => r.Name, r => r.Value);
            return new StepMetricsResponse(g.Key, values.GetValueOrDefault(Loss, double.NaN), values.GetValueOrDefault(GradientNorm), values.GetValueOrDefault(LearningRate),
                values.TryGetValue(ClippedGradientNorm, out double clipped) ? clipped : null);
        }).ToList();
}
