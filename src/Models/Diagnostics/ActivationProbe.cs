using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Statistics of one top-level module's output during a sampled forward pass, read through a
/// forward hook. Everything is computed on detached tensors without gradient tracking, so the
/// training arithmetic is untouched. The figures stay on the device until <see cref="Read"/>,
/// so a sampled step pays for one host read, not one per layer.
/// </summary>
sealed class ActivationProbe : IDisposable
{
    readonly List<(string Layer, ActivationFamily Family, Tensor Stats)> pending = [];

    public void Measure(string layer, ActivationFamily family, Tensor input, Tensor output, double saturationInput)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var flat = output.detach().to_type(ScalarType.Float32).reshape(output.shape[0], -1);
        var mean = flat.mean();
        // Population variance by hand: TorchSharp 0.107's var(unbiased: false) gave the n−1 figure here.
        var variance = (flat - mean).square().mean();
        var z = input.detach().to_type(ScalarType.Float32).reshape(input.shape[0], -1);
        var fraction = family switch
        {
            // A unit is dead for this batch when no example gives it a positive input.
            ActivationFamily.Rectifier => z.amax(0).le(0).to_type(ScalarType.Float32).mean(),
            ActivationFamily.Saturating => z.abs().gt(saturationInput).to_type(ScalarType.Float32).mean(),
            _ => zeros_like(mean),
        };
        pending.Add((layer, family, stack([mean, variance, fraction]).DetachFromDisposeScope()));
    }

    public IEnumerable<LayerValue> Read()
    {
        if (pending.Count == 0) return [];
        using var scope = NewDisposeScope();
        var values = stack(pending.Select(p => p.Stats).ToArray()).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        var figures = new List<LayerValue>(3 * pending.Count);
        for (int i = 0; i < pending.Count; i++)
        {
            var (layer, family, _) = pending[i];
            figures.Add(new(DiagnosticMetrics.ActivationMean, layer, values[3 * i]));
            figures.Add(new(DiagnosticMetrics.ActivationVariance, layer, values[3 * i + 1]));
            if (family == ActivationFamily.Rectifier) figures.Add(new(DiagnosticMetrics.DeadFraction, layer, values[3 * i + 2]));
            if (family == ActivationFamily.Saturating) figures.Add(new(DiagnosticMetrics.SaturatedFraction, layer, values[3 * i + 2]));
        }
        return figures;
    }

    public void Clear()
    {
        foreach (var p in pending) p.Stats.Dispose();
        pending.Clear();
    }

    public void Dispose() => Clear();
}
