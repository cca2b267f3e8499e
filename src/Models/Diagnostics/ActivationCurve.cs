using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>f and f' of an activation over a range.</summary>
public sealed record ActivationCurveData(double[] X, double[] Y, double[] Derivative);

/// <summary>
/// Samples any activation the <see cref="ActivationFactory"/> can build with its defaults, in eval mode (stochastic ones are then deterministic), and its
/// derivative by autograd, so a newly added activation is plotted without code of its own.
/// </summary>
public static class ActivationCurve
{
    public static ActivationCurveData Sample(Activation activation, double from, double to, int points)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationFactory.Create(activation, new BuildContext(seed: 0, defaultInit: null, tbpttWindow: null));
        module.eval();
        // Float32 like the modules' own parameters (a learned slope would not mix with float64).
        var x = linspace(from, to, points, dtype: ScalarType.Float32).requires_grad_();
        // Each z goes in as the row (z, 0): element-wise functions give f(z) in column 0 whatever the
        // second entry, and softmax (not element-wise) gives softmax(z, 0)₀ = σ(z), the two-class case.
        var rows = stack([x, zeros_like(x)], 1);
        var y = module.forward(rows).select(1, 0);
        y.sum().backward();
        return new ActivationCurveData(
            Values(x.detach()), Values(y.detach()), Values(x.grad!));
    }

    static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).data<double>().ToArray();
}
