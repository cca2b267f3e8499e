using TrainService.Models.Optimizers;
using TrainService.Contracts.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TrainService.Tests.Unit.Optimizers.QuadraticProblem;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>Where a custom form and a TorchSharp built-in should agree, they do.</summary>
public sealed class BuiltInEquivalenceTests
{
    [Fact]
    public void Momentum_BookAndTorchVariants_AgreeUnderConstantLearningRate()
    {
        var book = RunOptimizer(new MomentumOptimizerSpec { Lr = 0.1, Variant = OptimizerVariant.Book }, 6);
        var builtIn = RunOptimizer(new MomentumOptimizerSpec { Lr = 0.1, Variant = OptimizerVariant.Torch }, 6);
        AssertClose(builtIn, book, 1e-12);
    }

    [Fact]
    public void Momentum_BookAndTorchVariants_DifferOnceTheLearningRateChanges()
    {
        double[] Run(OptimizerVariant variant)
        {
            using var scope = NewDisposeScope();
            var p = new Parameter(tensor(Theta0, dtype: ScalarType.Float64));
            using var optimizer = OptimizerFactory.Create(new MomentumOptimizerSpec { Lr = 0.1, Variant = variant }, [p]);
            optimizer.Step(new Closure(p));
            optimizer.LearningRate = 0.01;
            optimizer.Step(new Closure(p));
            return p.detach().data<double>().ToArray();
        }
        // book: v carries the old η (θ₂ = θ₁ + μ(−0.1g₁) − 0.01g₂); torch: b carries g (θ₂ = θ₁ − 0.01(μg₁ + g₂)).
        var g1 = Gradient(Theta0);
        var theta1 = Theta0.Select((t, i) => t - 0.1 * g1[i]).ToArray();
        var g2 = Gradient(theta1);
        AssertClose(theta1.Select((t, i) => t - 0.9 * 0.1 * g1[i] - 0.01 * g2[i]).ToArray(), Run(OptimizerVariant.Book));
        AssertClose(theta1.Select((t, i) => t - 0.01 * (0.9 * g1[i] + g2[i])).ToArray(), Run(OptimizerVariant.Torch));
    }

    [Fact]
    public void Lbfgs_Custom_MatchesTorchSharpNativeLbfgs()
    {
        var custom = RunOptimizer(new LbfgsOptimizerSpec { Lr = 0.5, MaxIter = 5 }, 3);

        using var scope = NewDisposeScope();
        var p = new Parameter(tensor(Theta0, dtype: ScalarType.Float64));
        using var native = optim.LBFGS([p], lr: 0.5, max_iter: 5, max_eval: 5 * 5 / 4, tolerange_grad: 1e-7, tolerance_change: 1e-9, history_size: 100);
        var closure = new Closure(p);
        for (int i = 0; i < 3; i++) native.step(closure.LossAndGradient);
        AssertClose(p.detach().data<double>().ToArray(), custom, 1e-9);
    }

    [Fact]
    public void Adagrad_TorchForm_MatchesTorchSharpBuiltIn()
    {
        var custom = RunOptimizer(new AdagradOptimizerSpec { Lr = 0.1, Eps = 0.01 }, 6);
        var builtIn = RunBuiltIn(p => optim.Adagrad([p], lr: 0.1, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 0.01), 6);
        AssertClose(builtIn, custom, 1e-12);
    }

    [Fact]
    public void Adamax_TorchForm_MatchesTorchSharpBuiltIn()
    {
        var custom = RunOptimizer(new AdamaxOptimizerSpec { Lr = 0.05, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8 }, 6);
        var builtIn = RunBuiltIn(p => optim.Adamax([p], lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0), 6);
        AssertClose(builtIn, custom, 1e-12);
    }

    static double[] RunBuiltIn(Func<Parameter, optim.Optimizer> create, int steps)
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(tensor(Theta0, dtype: ScalarType.Float64));
        using var optimizer = create(p);
        var closure = new Closure(p);
        for (int i = 0; i < steps; i++)
        {
            optimizer.zero_grad();
            closure.LossAndGradient();
            optimizer.step();
        }
        return p.detach().data<double>().ToArray();
    }
}
