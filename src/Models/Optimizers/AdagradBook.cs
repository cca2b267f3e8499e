using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>The course's Adagrad: n ← n + g²; θ ← θ − ηg/√(n+ε) (ε inside the root).</summary>
public sealed class AdagradBook(IEnumerable<Parameter> parameters, double lr, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 1)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var sum = state[0];
        sum.addcmul_(gradient, gradient, value: 1.0);
        parameter.addcdiv_(gradient, sum.add(eps).sqrt_(), value: -LearningRate);
    }
}
