using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Persistence;

/// <summary>The held-out test measurement as metric rows on the test axis (step = the last epoch) and back.</summary>
internal static class TestMetricSeries
{
    public const string Rows = "rows", Loss = "loss", Accuracy = "accuracy";

    public static IEnumerable<MetricRow> ToRows(Guid jobId, TestMetrics metrics, int step)
    {
        MetricRow Row(string name, double value) => new() { JobId = jobId, Axis = MetricAxis.Test, Name = name, Step = step, Value = value };
        yield return Row(Rows, metrics.Rows);
        yield return Row(Loss, metrics.Loss);
        if (metrics.Accuracy is { } accuracy) yield return Row(Accuracy, accuracy);
    }

    public static async Task<TestMetrics?> ReadAsync(TrainDbContext db, Guid jobId, CancellationToken ct)
    {
        var values = await db.MetricsOn(MetricAxis.Test).Where(m => m.JobId == jobId).ToDictionaryAsync(m => m.Name, m => m.Value, ct);
        if (!values.TryGetValue(Rows, out double rows) || !values.TryGetValue(Loss, out double loss)) return null;
        return new TestMetrics((int)rows, loss, values.TryGetValue(Accuracy, out double accuracy) ? accuracy : null);
    }
}
