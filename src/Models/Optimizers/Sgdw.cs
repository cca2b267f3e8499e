using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>SGDW (Loshchilov and Hutter): b ← μb + g; θ ← θ − ηb − ηλθ. The decay acts on θ directly, never through the momentum buffer.</summary>
public sealed class Sgdw(IEnumerable<Parameter> parameters, double lr, double momentum, double weightDecay)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 1)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var buffer = state[0];
        buffer.mul_(momentum).add_(gradient);
        parameter.mul_(1.0 - LearningRate * weightDecay).add_(buffer, alpha: -LearningRate);
    }
}
