using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Persistence;

/// <summary>The held-out test measurement as metric rows (step = the last epoch) and back.</summary>
internal static class TestMetricSeries
{
    public const string TestRows = "testRows", TestLoss = "testLoss", TestAccuracy = "testAccuracy";
    public static readonly string[] Names = [TestRows, TestLoss, TestAccuracy];

    public static IEnumerable<MetricRow> ToRows(Guid jobId, TestMetrics metrics, int step)
    {
        MetricRow Row(string name, double value) => new() { JobId = jobId, Name = name, Step = step, Value = value };
        yield return Row(TestRows, metrics.Rows);
        yield return Row(TestLoss, metrics.Loss);
        if (metrics.Accuracy is { } accuracy) yield return Row(TestAccuracy, accuracy);
    }

    public static async Task<TestMetrics?> ReadAsync(TrainDbContext db, Guid jobId, CancellationToken ct)
    {
        var values = await db.Metrics.AsNoTracking()
            .Where(m => m.JobId == jobId && Names.Contains(m.Name))
            .ToDictionaryAsync(m => m.Name, m => m.Value, ct);
        if (!values.TryGetValue(TestRows, out double rows) || !values.TryGetValue(TestLoss, out double loss)) return null;
        return new TestMetrics((int)rows, loss, values.TryGetValue(TestAccuracy, out double accuracy) ? accuracy : null);
    }
}
