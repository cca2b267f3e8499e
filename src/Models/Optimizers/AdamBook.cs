using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>The course's Adam: bias-corrected m̂, v̂ as PyTorch, but θ ← θ − ηm̂/√(v̂+ε) (ε inside the root).</summary>
public sealed class AdamBook(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 2)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var (m, v) = (state[0], state[1]);
        m.mul_(beta1).add_(gradient, alpha: 1.0 - beta1);
        v.mul_(beta2).addcmul_(gradient, gradient, value: 1.0 - beta2);
        double correction1 = 1.0 - Math.Pow(beta1, t), correction2 = 1.0 - Math.Pow(beta2, t);
        var denominator = v.div(correction2).add_(eps).sqrt_();
        parameter.addcdiv_(m, denominator, value: -LearningRate / correction1);
    }
}
