using TrainService.Contracts.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Clips gradients in place after backward: by global L2 norm (all parameters rescaled together) or entry by entry.</summary>
public static class GradientClipping
{
    /// <param name="spec">The spec's clipping, or null for none.</param>
    /// <param name="parameters">The parameters whose gradients are clipped.</param>
    /// <param name="globalNorm">The L2 norm of all gradients, already measured for the divergence check and the step metrics.</param>
    public static void Apply(ClippingSpec? spec, IReadOnlyList<Parameter> parameters, double globalNorm)
    {
        switch (spec)
        {
            case NormClippingSpec norm:
                // PyTorch's clip_grad_norm_ rule, without measuring the norm a second time.
                double coefficient = norm.MaxNorm / (globalNorm + 1e-6);
                if (coefficient >= 1.0) break;
                using (var scale = coefficient.ToScalar())
                    foreach (var p in parameters) p.grad?.mul_(scale);
                break;
            case ValueClippingSpec value:
                nn.utils.clip_grad_value_(parameters, value.ClipValue);
                break;
        }
    }

    /// <summary>The global norm after norm clipping, known from the scale; null without clipping. (Value clipping's comes from <see cref="GradientNorms.GlobalBeforeAndAfterValueClip"/>.)</summary>
    public static double? NormAfter(ClippingSpec? spec, double globalNorm) => spec switch
    {
        NormClippingSpec norm => Math.Min(1.0, norm.MaxNorm / (globalNorm + 1e-6)) * globalNorm,
        _ => null,
    };
}
