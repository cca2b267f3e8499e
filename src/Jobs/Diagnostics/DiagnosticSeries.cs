using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Diagnostics;

/// <summary>
/// Diagnostic figures as metric rows on the step axis: <c>diag.{metric}/{layer}</c> keyed by global
/// step, plus <c>diag.epoch</c> for the epoch of each sampled step. On the step axis a resumed run
/// deletes them after its checkpoint's step, like the other per-step series.
/// </summary>
internal static class DiagnosticSeries
{
    public const string Prefix = "diag.", Epoch = Prefix + "epoch";

    /// <summary>
    /// Run-level figures. Training rows and module positions (<c>run.layer/{name}</c>) are on the step
    /// axis, written each time a run starts or resumes at its first step, so a re-delivered or resumed job
    /// (whose later per-step rows are deleted first) never inserts a key twice. Peak memory is on the epoch axis.
    /// </summary>
    public const string TrainRows = "run.trainRows", PeakMemory = "run.peakMemoryBytes", LayerPrefix = "run.layer/";

    public static MetricRow TrainRowsRow(Guid jobId, int firstStep, long rows) =>
        new() { JobId = jobId, Axis = MetricAxis.Step, Name = TrainRows, Step = firstStep, Value = rows };

    public static MetricRow[] LayerRows(Guid jobId, int firstStep, IReadOnlyList<string> layers) =>
        layers.Select((name, i) => new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = LayerPrefix + name, Step = firstStep, Value = i }).ToArray();

    public static MetricRow PeakMemoryRow(Guid jobId, int epoch, long bytes) =>
        new() { JobId = jobId, Axis = MetricAxis.Epoch, Name = PeakMemory, Step = epoch, Value = bytes };

    public static string Name(string metric, string layer) => $"{Prefix}{metric}/{layer}";

    public static MetricRow[] ToRows(Guid jobId, DiagnosticSample sample)
    {
        int step = checked((int)sample.Step);
        return sample.Values.Select(v => new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = Name(v.Metric, v.Layer), Step = step, Value = v.Value })
            .Append(new MetricRow { JobId = jobId, Axis = MetricAxis.Step, Name = Epoch, Step = step, Value = sample.Epoch })
            .ToArray();
    }

    public static PathologyEventRow ToRow(Guid jobId, PathologyEvent e) => new()
    {
        JobId = jobId, Kind = e.Kind, Layer = e.Layer ?? "", Step = e.Step, Epoch = e.Epoch,
        ValuesJson = JsonSerializer.Serialize(e.Values, ContractJson.Options), Message = e.Message, Warning = e.Warning,
    };

    public static PathologyEvent FromRow(PathologyEventRow row) => new(
        row.Kind, row.Epoch, row.Step, row.Layer.Length == 0 ? null : row.Layer,
        JsonSerializer.Deserialize<Dictionary<string, double>>(row.ValuesJson, ContractJson.Options)!, row.Message, row.Warning);

    /// <summary>Splits rows named by <see cref="Name"/> into series, with each point's epoch.</summary>
    public static IReadOnlyList<LayerSeries> FromRows(IReadOnlyList<MetricRow> rows, IReadOnlyDictionary<string, int> positions)
    {
        var epochs = rows.Where(r => r.Name == Epoch).ToDictionary(r => r.Step, r => (int)r.Value);
        return rows.Where(r => r.Name != Epoch)
            .Select(r => (Row: r, Split: r.Name[Prefix.Length..].Split('/', 2)))
            .GroupBy(x => (Metric: x.Split[0], Layer: x.Split[1]))
            .OrderBy(g => Array.IndexOf(DiagnosticMetrics.All, g.Key.Metric)).ThenBy(g => positions.GetValueOrDefault(g.Key.Layer, int.MaxValue))
            .Select(g => new LayerSeries(g.Key.Metric, g.Key.Layer,
                g.OrderBy(x => x.Row.Step).Select(x => new SeriesPoint(x.Row.Step, epochs.GetValueOrDefault(x.Row.Step), x.Row.Value)).ToList()))
            .ToList();
    }

    /// <summary>Module names start with the layer's index in the spec (<c>3_relu</c>): an order for events, which concern at most one module per layer.</summary>
    public static int LayerOrder(string layer) =>
        int.TryParse(layer.AsSpan(0, Math.Max(0, layer.IndexOf('_'))), out int index) ? index : int.MaxValue;
}
