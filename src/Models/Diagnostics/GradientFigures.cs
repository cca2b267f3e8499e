using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>Per-layer gradient L2 norms and update/weight ratios ‖θ_after − θ_before‖ / ‖θ_before‖.</summary>
static class GradientFigures
{
    /// <summary>Copies of every parameter, taken just before a sampled step; the caller disposes them.</summary>
    public static Tensor[] Snapshot(IReadOnlyList<(string Name, Parameter[] Parameters)> layers)
    {
        using var noGrad = no_grad();
        return layers.SelectMany(l => l.Parameters).Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    public static IEnumerable<LayerValue> Measure(IReadOnlyList<(string Name, Parameter[] Parameters)> layers, Tensor[]? before)
    {
        if (layers.Count == 0) return [];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradNorms = new List<Tensor>(layers.Count);
        var updateRatios = new List<Tensor>(layers.Count);
        int k = 0;
        foreach (var (_, parameters) in layers)
        {
            Tensor gradSquares = zeros(1, dtype: ScalarType.Float64), changeSquares = zeros(1, dtype: ScalarType.Float64), weightSquares = zeros(1, dtype: ScalarType.Float64);
            foreach (var p in parameters)
            {
                if (p.grad is { } grad) gradSquares = gradSquares + grad.to_type(ScalarType.Float64).pow(2).sum().cpu();
                if (before is null) continue;
                var old = before[k++].to_type(ScalarType.Float64);
                changeSquares = changeSquares + (p.to_type(ScalarType.Float64) - old).pow(2).sum().cpu();
                weightSquares = weightSquares + old.pow(2).sum().cpu();
            }
            gradNorms.Add(gradSquares.sqrt());
            updateRatios.Add(changeSquares.sqrt() / weightSquares.sqrt());
        }
        // One host read for all layers instead of one per layer.
        var norms = cat(gradNorms).data<double>().ToArray();
        var ratios = before is null ? null : cat(updateRatios).data<double>().ToArray();
        var values = new List<LayerValue>(2 * layers.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            values.Add(new(DiagnosticMetrics.GradNorm, layers[i].Name, norms[i]));
            if (ratios is not null && double.IsFinite(ratios[i])) values.Add(new(DiagnosticMetrics.UpdateRatio, layers[i].Name, ratios[i]));
        }
        return values;
    }
}
