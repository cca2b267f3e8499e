using TrainService.Models.Optimizers;
using TrainService.Models.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>The flat layout is only a change of address: values, gradients, norms and updates must be what the per-tensor path gives.</summary>
public sealed class FlatParametersTests
{
    // Odd sizes put elements in the kernels' vector bodies and their scalar tails alike.
    static readonly long[][] Shapes = [[37, 5], [5], [3, 7, 2], [1], [64, 33]];

    static Parameter[] MakeParameters(Generator generator) => Shapes.Select(s => new Parameter(randn(s, generator: generator))).ToArray();

    [Fact]
    public void TryCreate_KeepsValues_AndMakesParametersAndGradientsViewsOfTheBuffers()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var parameters = MakeParameters(generator);
        var before = parameters.Select(p => p.detach().clone()).ToArray();

        using var flat = FlatParameters.TryCreate(parameters)!;

        Assert.True(flat.IsIntact());
        for (int i = 0; i < parameters.Length; i++) Assert.True(parameters[i].eq(before[i]).all().item<bool>());
        var weights = parameters.Select(p => randn(p.shape, generator: generator)).ToArray();
        parameters.Zip(weights, (p, w) => (p * w).sum()).Aggregate((a, b) => a + b).backward();
        // d/dp Σ p·w = w, accumulated into the flat gradient buffer.
        Assert.True(flat.Gradients.eq(cat(weights.Select(w => w.reshape(-1)).ToArray())).all().item<bool>());
        using (no_grad()) flat.Values.add_(1);
        Assert.True(parameters[2].eq(before[2] + 1).all().item<bool>());
        flat.ZeroGradients();
        Assert.True(parameters.All(p => p.grad!.eq(0).all().item<bool>()));
    }

    [Fact]
    public void IsIntact_IsFalseOnceAGradientIsReassigned()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(6);
        var parameters = MakeParameters(generator);
        using var flat = FlatParameters.TryCreate(parameters)!;
        parameters[0].grad = zeros(parameters[0].shape);
        Assert.False(flat.IsIntact());
    }

    [Fact]
    public void GlobalNorm_OverTheFlatGradient_HasTheSameBitsAsTensorByTensor()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var flatParameters = MakeParameters(generator);
        var plain = flatParameters.Select(p => new Parameter(p.detach().clone())).ToArray();
        using var flat = FlatParameters.TryCreate(flatParameters)!;
        foreach (var (p, q) in flatParameters.Zip(plain))
        {
            var g = randn(p.shape, generator: generator).mul(7);
            (p * g).sum().backward();
            (q * g).sum().backward();
        }

        double expected = GradientNorms.Global(plain);
        double actual = GradientNorms.Global(flat);

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Fact]
    public void GlobalNorm_OverALayerOfTheLargeMlp_HasTheSameBitsAsTensorByTensor()
    {
        // 784 × 256 entries: long enough for libtorch to split the pass into chunks.
        using var scope = NewDisposeScope();
        using var generator = new Generator(8);
        var flatParameters = new long[][] { [256, 784], [256], [10, 256] }.Select(s => new Parameter(randn(s, generator: generator))).ToArray();
        var plain = flatParameters.Select(p => new Parameter(p.detach().clone())).ToArray();
        using var flat = FlatParameters.TryCreate(flatParameters)!;
        foreach (var (p, q) in flatParameters.Zip(plain))
        {
            var g = randn(p.shape, generator: generator);
            (p * g).sum().backward();
            (q * g).sum().backward();
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(GradientNorms.Global(plain)), BitConverter.DoubleToInt64Bits(GradientNorms.Global(flat)));
    }

    [Fact]
    public void FlatLeanAdam_TakesTheBuiltInAdamsSteps_OverStepsAndALearningRateChange()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var start = Shapes.Select(s => randn(s, generator: generator)).ToArray();
        var gradients = Enumerable.Range(0, 12).Select(_ => Shapes.Select(s => randn(s, generator: generator).mul(3)).ToArray()).ToArray();
        var lean = start.Select(t => new Parameter(t.clone())).ToArray();
        var builtIn = start.Select(t => new Parameter(t.clone())).ToArray();
        using var flat = FlatParameters.TryCreate(lean)!;
        using var leanAdam = new LeanAdam(lean, lr: 0.01, beta1: 0.8, beta2: 0.95, eps: 1e-6, flat);
        using var builtInAdam = optim.Adam(builtIn, lr: 0.01, beta1: 0.8, beta2: 0.95, eps: 1e-6, weight_decay: 0, amsgrad: false, maximize: false);
        // float32 on the CPU: the update runs in C# around libtorch's square root, and must give libtorch's bits.
        Assert.True(leanAdam.UpdatesOnHost);
        for (int step = 0; step < gradients.Length; step++)
        {
            if (step == 6)
                foreach (var group in leanAdam.ParamGroups.Concat(builtInAdam.ParamGroups)) group.LearningRate = 0.003;
            for (int i = 0; i < Shapes.Length; i++)
            {
                SetGradient(lean[i], gradients[step][i]);
                SetGradient(builtIn[i], gradients[step][i]);
            }
            leanAdam.step();
            builtInAdam.step();
        }
        Assert.True(flat.IsIntact());
        for (int i = 0; i < Shapes.Length; i++)
        {
            double worst = (lean[i] - builtIn[i]).abs().max().item<float>();
            Assert.True(lean[i].detach().eq(builtIn[i].detach()).all().item<bool>(), $"parameter {i} differs: max |Δ| {worst:G3}");
        }
    }

    [Fact]
    public void FlatLeanAdamState_SavedAndLoadedIntoAFreshRun_ContinuesAsTheUninterruptedRun()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12);
        var start = Shapes.Select(s => randn(s, generator: generator)).ToArray();
        var gradients = Enumerable.Range(0, 6).Select(_ => Shapes.Select(s => randn(s, generator: generator)).ToArray()).ToArray();
        var spec = new TrainService.Contracts.Specs.AdamOptimizerSpec { Lr = 0.01 };

        var whole = start.Select(t => new Parameter(t.clone())).ToArray();
        using var wholeFlat = FlatParameters.TryCreate(whole)!;
        using var wholeRun = OptimizerFactory.Create(spec, whole, wholeFlat);
        var first = start.Select(t => new Parameter(t.clone())).ToArray();
        using var firstFlat = FlatParameters.TryCreate(first)!;
        using var firstRun = OptimizerFactory.Create(spec, first, firstFlat);
        using var saved = new MemoryStream();
        for (int step = 0; step < 3; step++)
        {
            Step(wholeRun, whole, gradients[step]);
            Step(firstRun, first, gradients[step]);
        }
        firstRun.SaveState(saved);

        var resumed = first.Select(t => new Parameter(t.detach().clone())).ToArray();
        using var resumedFlat = FlatParameters.TryCreate(resumed)!;
        using var resumedRun = OptimizerFactory.Create(spec, resumed, resumedFlat);
        saved.Position = 0;
        resumedRun.LoadState(saved);
        for (int step = 3; step < gradients.Length; step++)
        {
            Step(wholeRun, whole, gradients[step]);
            Step(resumedRun, resumed, gradients[step]);
        }
        for (int i = 0; i < Shapes.Length; i++) Assert.True(whole[i].eq(resumed[i]).all().item<bool>(), $"parameter {i} differs after resume");
        Assert.Equal(wholeRun.StepCount, resumedRun.StepCount);
    }

    static void Step(ITrainingOptimizer optimizer, Parameter[] parameters, Tensor[] gradients)
    {
        for (int i = 0; i < parameters.Length; i++) SetGradient(parameters[i], gradients[i]);
        optimizer.Step(new NoOpClosure());
    }

    static void SetGradient(Parameter p, Tensor gradient)
    {
        if (p.grad is { } grad)
            using (no_grad()) grad.copy_(gradient);
        else
            (p * gradient).sum().backward();
    }

    sealed class NoOpClosure : ILossClosure
    {
        public Tensor Loss() => tensor(0f);
        public Tensor LossAndGradient() => tensor(0f);
    }
}
