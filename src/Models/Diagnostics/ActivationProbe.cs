using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Statistics of one top-level module's output during a sampled forward pass, read through a
/// forward hook. Everything is computed on detached tensors without gradient tracking, so the
/// training arithmetic is untouched.
/// </summary>
static class ActivationProbe
{
    public static IEnumerable<LayerValue> Measure(string layer, ActivationFamily family, Tensor input, Tensor output, double saturationInput)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = new List<LayerValue>(4);
        var flat = output.detach().to_type(ScalarType.Float32).reshape(output.shape[0], -1);
        var mean = flat.mean();
        // Population variance by hand: in TorchSharp 0.107 var(unbiased: false) measured as the unbiased one, and var_mean swaps its pair.
        var variance = (flat - mean).pow(2).mean();
        values.Add(new(DiagnosticMetrics.ActivationMean, layer, mean.item<float>()));
        values.Add(new(DiagnosticMetrics.ActivationVariance, layer, variance.item<float>()));
        var z = input.detach().to_type(ScalarType.Float32).reshape(input.shape[0], -1);
        if (family == ActivationFamily.Rectifier)
        {
            // A unit is dead for this batch when no example gives it a positive input.
            var dead = z.amax(0).le(0).to_type(ScalarType.Float32).mean();
            values.Add(new(DiagnosticMetrics.DeadFraction, layer, dead.item<float>()));
        }
        else if (family == ActivationFamily.Saturating)
        {
            var saturated = z.abs().gt(saturationInput).to_type(ScalarType.Float32).mean();
            values.Add(new(DiagnosticMetrics.SaturatedFraction, layer, saturated.item<float>()));
        }
        return values;
    }
}
