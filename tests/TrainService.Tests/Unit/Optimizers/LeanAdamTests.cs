using TrainService.Models.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>The service's Adam takes the built-in's step more cheaply; it must not take a different one.</summary>
public sealed class LeanAdamTests
{
    [Fact]
    public void LeanAdam_MatchesTorchSharpAdamBitForBit_OverStepsAndALearningRateChange()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        // Odd sizes put elements in the kernels' vector body and their scalar tails alike.
        long[][] shapes = [[37, 5], [5], [3, 7, 2], [1]];
        var start = shapes.Select(s => randn(s, generator: generator)).ToArray();
        var gradients = Enumerable.Range(0, 12).Select(_ => shapes.Select(s => randn(s, generator: generator).mul(3)).ToArray()).ToArray();

        var lean = start.Select(t => new Parameter(t.clone())).ToArray();
        var builtIn = start.Select(t => new Parameter(t.clone())).ToArray();
        using var leanAdam = new LeanAdam(lean, lr: 0.01, beta1: 0.8, beta2: 0.95, eps: 1e-6);
        using var builtInAdam = optim.Adam(builtIn, lr: 0.01, beta1: 0.8, beta2: 0.95, eps: 1e-6, weight_decay: 0, amsgrad: false, maximize: false);
        for (int step = 0; step < gradients.Length; step++)
        {
            if (step == 6)
                foreach (var group in leanAdam.ParamGroups.Concat(builtInAdam.ParamGroups)) group.LearningRate = 0.003;
            for (int i = 0; i < shapes.Length; i++)
            {
                SetGradient(lean[i], gradients[step][i]);
                SetGradient(builtIn[i], gradients[step][i]);
            }
            leanAdam.step();
            builtInAdam.step();
        }
        for (int i = 0; i < shapes.Length; i++)
            Assert.True(lean[i].detach().eq(builtIn[i].detach()).all().item<bool>(), $"parameter {i} differs: max |Δ| {(lean[i] - builtIn[i]).abs().max().item<float>():G3}");
    }

    [Fact]
    public void LeanAdam_StateReadsIntoTheBuiltInOptimizerWrapper()
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(ones(4));
        var spec = new TrainService.Contracts.Specs.AdamOptimizerSpec { Lr = 0.1 };
        using var lean = OptimizerFactory.Create(spec, [p]);
        SetGradient(p, full(4, 0.5f));
        lean.Step(new NoOpClosure());
        using var saved = new MemoryStream();
        lean.SaveState(saved);
        saved.Position = 0;
        // Checkpoints written before LeanAdam name the state "Adam": the header must not change.
        using var reader = new BinaryReader(saved, System.Text.Encoding.UTF8, leaveOpen: true);
        Assert.Equal("Adam", reader.ReadString());
    }

    static void SetGradient(Parameter p, Tensor gradient)
    {
        if (p.grad is { } grad)
            using (no_grad()) grad.copy_(gradient);
        else
            (p * gradient).sum().backward(); // d/dp Σ p·g = g, exactly
    }

    sealed class NoOpClosure : ILossClosure
    {
        public Tensor Loss() => tensor(0f);
        public Tensor LossAndGradient() => tensor(0f);
    }
}
