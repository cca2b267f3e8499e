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
        // Per layer: Σ grad², Σ (θ − θ_before)², Σ θ_before² — all gathered into one tensor and read from the device once.
        var sums = new List<Tensor>(3 * layers.Count);
        int k = 0;
        foreach (var (_, parameters) in layers)
        {
            sums.Add(stack(parameters.Select(p => p.grad is { } g ? g.square().sum() : zeros(1, device: p.device).sum()).ToArray()).sum());
            if (before is null) continue;
            var olds = parameters.Select(_ => before[k++]).ToArray();
            sums.Add(stack(parameters.Select((p, i) => (p - olds[i]).square().sum()).ToArray()).sum());
            sums.Add(stack(olds.Select(o => o.square().sum()).ToArray()).sum());
        }
        var values = stack(sums.ToArray()).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        int width = before is null ? 1 : 3;
        var figures = new List<LayerValue>(2 * layers.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            figures.Add(new(DiagnosticMetrics.GradNorm, layers[i].Name, Math.Sqrt(values[i * width])));
            if (before is null) continue;
            double ratio = Math.Sqrt(values[i * width + 1]) / Math.Sqrt(values[i * width + 2]);
            if (double.IsFinite(ratio)) figures.Add(new(DiagnosticMetrics.UpdateRatio, layers[i].Name, ratio));
        }
        return figures;
    }
}
