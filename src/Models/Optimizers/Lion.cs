using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>Lion (Chen et al., 2023): c = β₁m + (1−β₁)g; θ ← θ − η(sign(c) + λθ); m ← β₂m + (1−β₂)g.</summary>
public sealed class Lion(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double weightDecay)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 1)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var m = state[0];
        var direction = m.mul(beta1).add_(gradient, alpha: 1.0 - beta1).sign_();
        parameter.mul_(1.0 - LearningRate * weightDecay).add_(direction, alpha: -LearningRate);
        m.mul_(beta2).add_(gradient, alpha: 1.0 - beta2);
    }
}
