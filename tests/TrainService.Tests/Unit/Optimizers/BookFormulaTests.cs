using TrainService.Contracts.Specs;
using static TrainService.Tests.Unit.Optimizers.QuadraticProblem;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>The custom optimizers (book forms, sgdw, lion, newton, gd) against their update rules evaluated by hand.</summary>
public sealed class BookFormulaTests
{
    const int Steps = 4;

    [Fact]
    public void Gd_MatchesFormula()
    {
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) th[i] -= 0.1 * g[i]; });
        AssertClose(expected, RunOptimizer(new GdOptimizerSpec { Lr = 0.1 }, Steps));
    }

    [Fact]
    public void Momentum_BookVariant_MatchesRumelhartFormula()
    {
        var v = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { v[i] = 0.9 * v[i] - 0.1 * g[i]; th[i] += v[i]; } });
        AssertClose(expected, RunOptimizer(new MomentumOptimizerSpec { Lr = 0.1, Variant = OptimizerVariant.Book }, Steps));
    }

    [Fact]
    public void Adagrad_BookVariant_MatchesFormulaWithEpsInsideRoot()
    {
        var n = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { n[i] += g[i] * g[i]; th[i] -= 0.1 * g[i] / Math.Sqrt(n[i] + 0.01); } });
        AssertClose(expected, RunOptimizer(new AdagradOptimizerSpec { Lr = 0.1, Eps = 0.01, Variant = OptimizerVariant.Book }, Steps));
    }

    [Fact]
    public void Rmsprop_BookVariant_MatchesFormulaWithEpsInsideRoot()
    {
        var n = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { n[i] = 0.9 * n[i] + 0.1 * g[i] * g[i]; th[i] -= 0.01 * g[i] / Math.Sqrt(n[i] + 0.01); } });
        AssertClose(expected, RunOptimizer(new RmspropOptimizerSpec { Lr = 0.01, Rho = 0.9, Eps = 0.01, Variant = OptimizerVariant.Book }, Steps));
    }

    [Fact]
    public void Adam_BookVariant_MatchesFormulaWithEpsInsideRoot()
    {
        double[] m = new double[3], v = new double[3];
        var expected = RunHand(Steps, (th, g, t) =>
        {
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(0.9, t)), vHat = v[i] / (1 - Math.Pow(0.999, t));
                th[i] -= 0.05 * mHat / Math.Sqrt(vHat + 0.01);
            }
        });
        AssertClose(expected, RunOptimizer(new AdamOptimizerSpec { Lr = 0.05, Eps = 0.01, Variant = OptimizerVariant.Book }, Steps));
    }

    [Fact]
    public void Nadam_BookVariant_MatchesDozatFormula()
    {
        double[] m = new double[3], v = new double[3];
        var expected = RunHand(Steps, (th, g, t) =>
        {
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = 0.9 * m[i] / (1 - Math.Pow(0.9, t)) + 0.1 * g[i] / (1 - Math.Pow(0.9, t));
                double vHat = 0.999 * v[i] / (1 - Math.Pow(0.999, t));
                th[i] -= 0.05 * mHat / Math.Sqrt(vHat + 0.01);
            }
        });
        AssertClose(expected, RunOptimizer(new NadamOptimizerSpec { Lr = 0.05, Eps = 0.01, Variant = OptimizerVariant.Book }, Steps));
    }

    [Fact]
    public void Sgdw_MatchesFormulaWithDecoupledDecay()
    {
        var b = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { b[i] = 0.9 * b[i] + g[i]; th[i] = th[i] - 0.1 * b[i] - 0.1 * 0.05 * th[i]; } });
        AssertClose(expected, RunOptimizer(new SgdwOptimizerSpec { Lr = 0.1, Momentum = 0.9, WeightDecay = 0.05 }, Steps));
    }

    [Fact]
    public void Lion_MatchesFormula()
    {
        var m = new double[3];
        var expected = RunHand(Steps, (th, g, t) =>
        {
            for (int i = 0; i < 3; i++)
            {
                double c = 0.9 * m[i] + 0.1 * g[i];
                th[i] -= 0.01 * (Math.Sign(c) + 0.1 * th[i]);
                m[i] = 0.99 * m[i] + 0.01 * g[i];
            }
        });
        AssertClose(expected, RunOptimizer(new LionOptimizerSpec { Lr = 0.01, WeightDecay = 0.1 }, Steps));
    }

    [Fact]
    public void Newton_MatchesDampedNewtonStepOnDiagonalHessian()
    {
        // H = diag(a), so (H + δI)⁻¹g is element-wise.
        var expected = RunHand(2, (th, g, t) => { for (int i = 0; i < 3; i++) th[i] -= 0.5 * g[i] / (A[i] + 0.01); });
        AssertClose(expected, RunOptimizer(new NewtonOptimizerSpec { Lr = 0.5, Damping = 0.01 }, 2));
    }

    [Fact]
    public void Lbfgs_FirstInnerIteration_IsScaledSteepestDescent()
    {
        // With one inner iteration PyTorch's L-BFGS steps along −g with t = min(1, 1/Σ|g|)·lr.
        var expected = RunHand(1, (th, g, t) =>
        {
            double step = Math.Min(1.0, 1.0 / g.Sum(Math.Abs)) * 0.5;
            for (int i = 0; i < 3; i++) th[i] -= step * g[i];
        });
        AssertClose(expected, RunOptimizer(new LbfgsOptimizerSpec { Lr = 0.5, MaxIter = 1 }, 1));
    }
}
