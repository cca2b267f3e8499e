using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Dozat's Nadam as the course states it, with constant μ (no momentum schedule, unlike PyTorch):
/// m ← μm + (1−μ)g; v ← νv + (1−ν)g²; m̂ = (μm + (1−μ)g)/(1−μᵗ); v̂ = νv/(1−νᵗ); θ ← θ − ηm̂/√(v̂+ε).
/// </summary>
public sealed class NadamBook(IEnumerable<Parameter> parameters, double lr, double mu, double nu, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 2)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var (m, v) = (state[0], state[1]);
        m.mul_(mu).add_(gradient, alpha: 1.0 - mu);
        v.mul_(nu).addcmul_(gradient, gradient, value: 1.0 - nu);
        double correction1 = 1.0 - Math.Pow(mu, t), correction2 = 1.0 - Math.Pow(nu, t);
        var numerator = m.mul(mu).add_(gradient, alpha: 1.0 - mu);
        var denominator = v.mul(nu / correction2).add_(eps).sqrt_();
        parameter.addcdiv_(numerator, denominator, value: -LearningRate / correction1);
    }
}
