using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>The course's RMSprop: n ← νn + (1−ν)g²; θ ← θ − ηg/√(n+ε) (ε inside the root).</summary>
public sealed class RmspropBook(IEnumerable<Parameter> parameters, double lr, double rho, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 1)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var average = state[0];
        average.mul_(rho).addcmul_(gradient, gradient, value: 1.0 - rho);
        parameter.addcdiv_(gradient, average.add(eps).sqrt_(), value: -LearningRate);
    }
}
