using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>Plain gradient descent θ ← θ − ηg that also reports convergence once the global gradient norm falls below tol.</summary>
public sealed class GradientDescent(IEnumerable<Parameter> parameters, double lr, double tolerance)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 0)
{
    double gradientNorm = double.PositiveInfinity;

    public override bool Converged => tolerance > 0 && gradientNorm < tolerance;

    protected override void BeforeUpdates()
    {
        using var scope = NewDisposeScope();
        var squares = Parameters.Where(p => p.grad is not null).Select(p => p.grad!.square().sum()).ToList();
        gradientNorm = squares.Count == 0 ? 0 : Math.Sqrt(stack(squares).sum().ToDouble());
    }

    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t) =>
        parameter.add_(gradient, alpha: -LearningRate);
}
