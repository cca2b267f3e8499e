using TrainService.Contracts.Specs;
using static TrainService.Tests.Unit.Optimizers.QuadraticProblem;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>The torch forms (TorchSharp built-ins, as the factory configures them) against PyTorch's documented update rules evaluated by hand.</summary>
public sealed class TorchFormulaTests
{
    const int Steps = 4;

    [Fact]
    public void Sgd_MatchesFormula()
    {
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) th[i] -= 0.1 * g[i]; });
        AssertClose(expected, RunOptimizer(new SgdOptimizerSpec { Lr = 0.1 }, Steps));
    }

    [Fact]
    public void Momentum_TorchVariant_MatchesBufferFormula()
    {
        var b = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { b[i] = 0.9 * b[i] + g[i]; th[i] -= 0.1 * b[i]; } });
        AssertClose(expected, RunOptimizer(new MomentumOptimizerSpec { Lr = 0.1 }, Steps));
    }

    [Fact]
    public void Nesterov_MatchesCourseFormula()
    {
        var v = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { v[i] = 0.9 * v[i] - 0.1 * g[i]; th[i] += 0.9 * v[i] - 0.1 * g[i]; } });
        AssertClose(expected, RunOptimizer(new NesterovOptimizerSpec { Lr = 0.1 }, Steps));
    }

    [Fact]
    public void Adagrad_TorchVariant_MatchesFormulaWithEpsOutsideRoot()
    {
        var n = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { n[i] += g[i] * g[i]; th[i] -= 0.1 * g[i] / (Math.Sqrt(n[i]) + 0.01); } });
        AssertClose(expected, RunOptimizer(new AdagradOptimizerSpec { Lr = 0.1, Eps = 0.01 }, Steps));
    }

    [Fact]
    public void Rmsprop_TorchVariant_MatchesFormulaWithEpsOutsideRoot()
    {
        var n = new double[3];
        var expected = RunHand(Steps, (th, g, t) => { for (int i = 0; i < 3; i++) { n[i] = 0.9 * n[i] + 0.1 * g[i] * g[i]; th[i] -= 0.01 * g[i] / (Math.Sqrt(n[i]) + 0.01); } });
        AssertClose(expected, RunOptimizer(new RmspropOptimizerSpec { Lr = 0.01, Rho = 0.9, Eps = 0.01 }, Steps));
    }

    [Fact]
    public void Adam_TorchVariant_MatchesFormulaWithEpsOutsideRoot()
    {
        double[] m = new double[3], v = new double[3];
        var expected = RunHand(Steps, (th, g, t) =>
        {
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                th[i] -= 0.05 * (m[i] / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, t))) + 0.01);
            }
        });
        AssertClose(expected, RunOptimizer(new AdamOptimizerSpec { Lr = 0.05, Eps = 0.01 }, Steps));
    }

    [Fact]
    public void Adamax_MatchesFormula()
    {
        double[] m = new double[3], u = new double[3];
        var expected = RunHand(Steps, (th, g, t) =>
        {
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                u[i] = Math.Max(0.999 * u[i], Math.Abs(g[i]) + 1e-8);
                th[i] -= 0.05 / (1 - Math.Pow(0.9, t)) * m[i] / u[i];
            }
        });
        AssertClose(expected, RunOptimizer(new AdamaxOptimizerSpec { Lr = 0.05 }, Steps));
    }

    [Fact]
    public void Nadam_TorchVariant_MatchesPyTorchMomentumSchedule()
    {
        double[] m = new double[3], v = new double[3];
        double muProduct = 1;
        var expected = RunHand(Steps, (th, g, t) =>
        {
            double mu = 0.9 * (1 - 0.5 * Math.Pow(0.96, t * 0.004)), muNext = 0.9 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * 0.004));
            muProduct *= mu;
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double denominator = Math.Sqrt(v[i] / (1 - Math.Pow(0.999, t))) + 0.01;
                th[i] -= 0.05 * (1 - mu) / (1 - muProduct) * g[i] / denominator;
                th[i] -= 0.05 * muNext / (1 - muProduct * muNext) * m[i] / denominator;
            }
        });
        AssertClose(expected, RunOptimizer(new NadamOptimizerSpec { Lr = 0.05, Eps = 0.01 }, Steps));
    }

    [Fact]
    public void Adamw_MatchesFormulaWithDecoupledDecay()
    {
        double[] m = new double[3], v = new double[3];
        var expected = RunHand(Steps, (th, g, t) =>
        {
            for (int i = 0; i < 3; i++)
            {
                th[i] *= 1 - 0.05 * 0.1;
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                th[i] -= 0.05 * (m[i] / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, t))) + 1e-8);
            }
        });
        AssertClose(expected, RunOptimizer(new AdamwOptimizerSpec { Lr = 0.05, WeightDecay = 0.1 }, Steps));
    }

    [Fact]
    public void Radam_MatchesRectifiedFormula_BeforeAndAfterTheRectificationStarts()
    {
        const int steps = 8; // ρₜ > 5 from t = 6: both branches run
        double[] m = new double[3], v = new double[3];
        double rhoInf = 2 / (1 - 0.999) - 1;
        var expected = RunHand(steps, (th, g, t) =>
        {
            double rho = rhoInf - 2 * t * Math.Pow(0.999, t) / (1 - Math.Pow(0.999, t));
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(0.9, t));
                if (rho > 5)
                {
                    double r = Math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                    double adaptive = Math.Sqrt(1 - Math.Pow(0.999, t)) / (Math.Sqrt(v[i]) + 1e-8);
                    th[i] -= 0.05 * mHat * r * adaptive;
                }
                else
                {
                    th[i] -= 0.05 * mHat;
                }
            }
        });
        AssertClose(expected, RunOptimizer(new RadamOptimizerSpec { Lr = 0.05 }, steps));
    }
}
