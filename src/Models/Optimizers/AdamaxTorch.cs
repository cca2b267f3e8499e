using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Adamax as PyTorch computes it: m ← β₁m + (1−β₁)g; u ← max(β₂u, |g| + ε); θ ← θ − (η/(1−β₁ᵗ))·m/u.
/// Written here rather than using TorchSharp's built-in, which intermittently failed inside a step
/// with a native "toFloat" Scalar check.
/// </summary>
public sealed class AdamaxTorch(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 2)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var (m, u) = (state[0], state[1]);
        m.mul_(beta1).add_(gradient, alpha: 1.0 - beta1);
        u.mul_(beta2);
        u.copy_(maximum(u, gradient.abs().add_(eps)));
        parameter.addcdiv_(m, u, value: -LearningRate / (1.0 - Math.Pow(beta1, t)));
    }
}
