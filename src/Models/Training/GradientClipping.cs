using TrainService.Contracts.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Clips gradients in place after backward: by global L2 norm (all parameters rescaled together) or entry by entry.</summary>
public static class GradientClipping
{
    public static void Apply(ClippingSpec? spec, IReadOnlyList<Parameter> parameters)
    {
        switch (spec)
        {
            case NormClippingSpec norm:
                nn.utils.clip_grad_norm_(parameters, norm.MaxNorm, 2.0);
                break;
            case ValueClippingSpec value:
                nn.utils.clip_grad_value_(parameters, value.ClipValue);
                break;
        }
    }
}
