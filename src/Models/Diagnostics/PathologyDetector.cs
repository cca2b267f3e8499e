using System.Globalization;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Turns sampled figures into pathology events. An event is raised when a condition starts (at the
/// first sample where it holds after one where it did not), so a network that stays saturated for a
/// thousand steps yields one event, not a thousand. A resumed run starts with no conditions active.
/// </summary>
public sealed class PathologyDetector(DiagnosticsSpec spec)
{
    readonly HashSet<(string Kind, string? Layer)> active = [];

    public IReadOnlyList<PathologyEvent> Inspect(DiagnosticSample sample)
    {
        var holding = new List<PathologyEvent>();
        var grads = sample.Values.Where(v => v.Metric == DiagnosticMetrics.GradNorm).ToDictionary(v => v.Layer, v => v.Value);
        if (sample.ParameterisedLayers.Count >= 2
            && grads.TryGetValue(sample.ParameterisedLayers[0], out double first)
            && grads.TryGetValue(sample.ParameterisedLayers[^1], out double last)
            && last > 0 && first / last < spec.VanishingRatio)
        {
            double ratio = first / last;
            holding.Add(Event(sample, PathologyKinds.VanishingGradient, null,
                new() { ["ratio"] = ratio, ["firstLayerGradNorm"] = first, ["lastLayerGradNorm"] = last },
                $"first/last layer gradient norm ratio {F(ratio)} ({sample.ParameterisedLayers[0]} {F(first)}, {sample.ParameterisedLayers[^1]} {F(last)}) is below {F(spec.VanishingRatio)}"));
        }
        foreach (var v in sample.Values)
        {
            if (v.Metric == DiagnosticMetrics.GradNorm && v.Value > spec.ExplodingNorm)
                holding.Add(Event(sample, PathologyKinds.ExplodingGradient, v.Layer, new() { ["gradNorm"] = v.Value },
                    $"gradient norm {F(v.Value)} of {v.Layer} exceeds {F(spec.ExplodingNorm)}"));
            if (v.Metric == DiagnosticMetrics.DeadFraction && v.Value > spec.DeadFraction)
                holding.Add(Event(sample, PathologyKinds.DeadLayer, v.Layer, new() { ["deadFraction"] = v.Value },
                    $"{F(100 * v.Value)}% of the units of {v.Layer} passed no gradient for the whole batch (derivative zero at every example)"));
            if (v.Metric == DiagnosticMetrics.SaturatedFraction && v.Value > spec.SaturatedFraction)
                holding.Add(Event(sample, PathologyKinds.Saturation, v.Layer, new() { ["saturatedFraction"] = v.Value },
                    $"{F(100 * v.Value)}% of the inputs of {v.Layer} are beyond ±{F(spec.SaturationInput)}"));
        }
        var now = holding.Select(e => (e.Kind, e.Layer)).ToHashSet();
        var started = holding.Where(e => !active.Contains((e.Kind, e.Layer))).ToList();
        active.Clear();
        active.UnionWith(now);
        return started;
    }

    static PathologyEvent Event(DiagnosticSample sample, string kind, string? layer, Dictionary<string, double> values, string message) =>
        new(kind, sample.Epoch, sample.Step, layer, values, $"{message} at epoch {sample.Epoch}, step {sample.Step}");

    static string F(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
