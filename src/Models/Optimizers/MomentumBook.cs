using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>Rumelhart's momentum: v ← μv − ηg; θ ← θ + v. The velocity carries the η of past steps, unlike PyTorch's buffer.</summary>
public sealed class MomentumBook(IEnumerable<Parameter> parameters, double lr, double momentum)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 1)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var velocity = state[0];
        velocity.mul_(momentum).add_(gradient, alpha: -LearningRate);
        parameter.add_(velocity);
    }
}
