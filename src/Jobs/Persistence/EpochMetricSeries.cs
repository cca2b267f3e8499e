using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Persistence;

/// <summary>Per-epoch metrics as rows of named series on the epoch axis and back.</summary>
internal static class EpochMetricSeries
{
    public const string TrainLoss = "trainLoss", ValLoss = "valLoss", TrainAccuracy = "trainAccuracy", ValAccuracy = "valAccuracy", Seconds = "seconds", LearningRate = "lr";
    public static readonly string[] Names = [TrainLoss, ValLoss, TrainAccuracy, ValAccuracy, Seconds, LearningRate];

    public static IEnumerable<MetricRow> ToRows(Guid jobId, EpochMetrics metrics)
    {
        MetricRow Row(string name, double value) => new() { JobId = jobId, Axis = MetricAxis.Epoch, Name = name, Step = metrics.Epoch, Value = value };
        yield return Row(TrainLoss, metrics.TrainLoss);
        if (metrics.ValLoss is { } valLoss) yield return Row(ValLoss, valLoss);
        if (metrics.TrainAccuracy is { } trainAccuracy) yield return Row(TrainAccuracy, trainAccuracy);
        if (metrics.ValAccuracy is { } valAccuracy) yield return Row(ValAccuracy, valAccuracy);
        yield return Row(Seconds, metrics.Seconds);
        if (metrics.LearningRate is { } lr) yield return Row(LearningRate, lr);
    }

    /// <summary>A job's epoch-axis rows of these series.</summary>
    public static IQueryable<MetricRow> Query(TrainDbContext db, Guid jobId) =>
        db.MetricsOn(MetricAxis.Epoch).Where(m => m.JobId == jobId && Names.Contains(m.Name));

    public static IReadOnlyList<EpochMetrics> FromRows(IEnumerable<MetricRow> rows) =>
        rows.GroupBy(r => r.Step)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var values = g.ToDictionary(r => r.Name, r => r.Value);
                double? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
                return new EpochMetrics(g.Key, Get(TrainLoss) ?? double.NaN, Get(ValLoss), Get(TrainAccuracy), Get(ValAccuracy), Get(Seconds) ?? 0, Get(LearningRate));
            })
            .ToList();
}
