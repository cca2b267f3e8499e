using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TrainService.Models.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>
/// J(θ) = Σ aᵢθᵢ²/2 + bᵢθᵢ on a float64 parameter, so g = aθ + b is known in closed form and the
/// hand-evaluated update rules below can follow the optimizer step by step.
/// </summary>
public static class QuadraticProblem
{
    public static readonly double[] A = [1.0, 2.0, 0.5], B = [0.1, -0.3, 0.2], Theta0 = [0.5, -1.2, 2.0];

    public static double[] Gradient(double[] theta) => theta.Select((t, i) => A[i] * t + B[i]).ToArray();

    /// <summary>Runs the optimizer the factory builds for <paramref name="spec"/> for the given number of steps.</summary>
    public static double[] RunOptimizer(OptimizerSpec spec, int steps)
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(tensor(Theta0, dtype: ScalarType.Float64));
        using var optimizer = OptimizerFactory.Create(spec, [p]);
        for (int i = 0; i < steps; i++) optimizer.Step(new Closure(p));
        return p.detach().data<double>().ToArray();
    }

    /// <summary>Runs a hand-written rule: <paramref name="update"/> gets θ (updated in place), g and the 1-based step t.</summary>
    public static double[] RunHand(int steps, Action<double[], double[], int> update)
    {
        var theta = (double[])Theta0.Clone();
        for (int t = 1; t <= steps; t++) update(theta, Gradient(theta), t);
        return theta;
    }

    public static void AssertClose(double[] expected, double[] actual, double relative = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(Math.Abs(expected[i]), 1e-3),
                $"θ[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    public sealed class Closure(Parameter p) : ILossClosure
    {
        public Tensor Loss()
        {
            var a = tensor(A, dtype: ScalarType.Float64);
            var b = tensor(B, dtype: ScalarType.Float64);
            return (a * p.square() / 2 + b * p).sum();
        }

        public Tensor LossAndGradient()
        {
            p.grad?.zero_();
            var loss = Loss();
            loss.backward();
            return loss;
        }
    }
}
