using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Statistics of one top-level module's output during a sampled forward pass, read through a
/// forward hook. Everything is computed on detached tensors without gradient tracking, so the
/// training arithmetic is untouched. Each layer's figures are read at once inside the hook: tensors
/// kept past the step's dispose scope (DetachFromDisposeScope) gave corrupted figures and
/// "Unknown scalar type" errors under concurrent jobs in TorchSharp 0.107.
/// </summary>
sealed class ActivationProbe : IDisposable
{
    readonly List<LayerValue> pending = [];

    public void Measure(string layer, ActivationKind kind, Tensor input, Tensor output, double saturationInput)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var flat = Flat(output);
        var mean = flat.mean();
        // Population variance by hand: TorchSharp 0.107's var(unbiased: false) gave the n−1 figure here.
        var variance = (flat - mean).square().mean();
        // Scalars held in variables for the whole call: an implicit temporary can be finalized while
        // libtorch still reads it ("Unknown scalar type" under GC pressure was seen with TorchSharp 0.107).
        using var zero = 0.0f.ToScalar();
        using var threshold = saturationInput.ToScalar();
        // The input is only read for activation modules: a sampled step pays per op, so layers like
        // linear skip it.
        var fraction = kind.Family switch
        {
            // Dead for this batch: the derivative is exactly zero at every example (amin over the batch of the 0/1 mask is 1).
            ActivationFamily.Dying => kind.ZeroGradient!(Flat(input)).to_type(ScalarType.Float32).amin(0).mean(),
            // Negative regime for this batch: every example gives the unit a negative input (gradient still flows, at the leaky slope).
            ActivationFamily.Leaky => Flat(input).amax(0).lt(zero).to_type(ScalarType.Float32).mean(),
            ActivationFamily.Saturating => Flat(input).abs().gt(threshold).to_type(ScalarType.Float32).mean(),
            _ => zeros_like(mean),
        };
        var values = stack([mean, variance, fraction]).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        pending.Add(new(DiagnosticMetrics.ActivationMean, layer, values[0]));
        pending.Add(new(DiagnosticMetrics.ActivationVariance, layer, values[1]));
        string? figure = kind.Family switch
        {
            ActivationFamily.Dying => DiagnosticMetrics.DeadFraction,
            ActivationFamily.Leaky => DiagnosticMetrics.NegativeFraction,
            ActivationFamily.Saturating => DiagnosticMetrics.SaturatedFraction,
            _ => null,
        };
        if (figure is not null) pending.Add(new(figure, layer, values[2]));
        // Stated, not measured: a leaky unit's derivative is never zero, so none is ever dead.
        if (kind.Family == ActivationFamily.Leaky) pending.Add(new(DiagnosticMetrics.DeadFraction, layer, 0));
    }

    static Tensor Flat(Tensor t)
    {
        var detached = t.detach();
        if (detached.dtype != ScalarType.Float32) detached = detached.to_type(ScalarType.Float32);
        return detached.reshape(t.shape[0], -1);
    }

    public IEnumerable<LayerValue> Read() => pending.ToList();

    public void Clear() => pending.Clear();

    public void Dispose() => Clear();
}
