using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// PyTorch's Adagrad (no lr decay, zero initial accumulator): n ← n + g²; θ ← θ − ηg/(√n + ε).
/// Written here rather than using TorchSharp's built-in, which intermittently failed inside a step
/// with a native "toFloat" Scalar check (about one run in three of the 20-job optimizer table).
/// </summary>
public sealed class AdagradTorch(IEnumerable<Parameter> parameters, double lr, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 1)
{
    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var sum = state[0];
        sum.addcmul_(gradient, gradient, value: 1.0);
        parameter.addcdiv_(gradient, sum.sqrt().add_(eps), value: -LearningRate);
    }
}
