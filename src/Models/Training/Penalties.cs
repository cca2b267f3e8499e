using TrainService.Contracts.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Coupled regularisation: l1·Σ|θ| + (l2/2)·Σθ² over every parameter, added to the loss so it flows through the gradient.</summary>
public static class Penalties
{
    public static Tensor Add(Tensor loss, IReadOnlyList<Parameter> parameters, RegularizationSpec spec)
    {
        var total = loss;
        if (spec.L1 > 0)
            total = total + spec.L1 * stack(parameters.Select(p => p.abs().sum()).ToArray()).sum();
        if (spec.L2 > 0)
            total = total + (spec.L2 / 2) * stack(parameters.Select(p => p.square().sum()).ToArray()).sum();
        return total;
    }
}
