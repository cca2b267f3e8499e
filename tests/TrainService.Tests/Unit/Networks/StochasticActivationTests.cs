using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using TrainService.Models.Networks.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Networks;

/// <summary>Train-versus-eval behaviour of rrelu, noisy_relu and dropout, and that their seeded generators make runs repeatable.</summary>
public sealed class StochasticActivationTests
{
    [Fact]
    public void Rrelu_InTraining_DrawsSlopesInsideBounds_AndGradientIsThatSlope()
    {
        using var scope = NewDisposeScope();
        using var module = new RandomizedRelu(0.125, 1.0 / 3, seed: 7);
        module.train();
        var z = full(2000, -2.0f).requires_grad_();
        var y = module.forward(z);
        y.sum().backward();
        var slopes = (y / z).detach().data<float>().ToArray();
        Assert.All(slopes, s => Assert.InRange(s, 0.125f - 1e-6f, 1 / 3f + 1e-6f));
        Assert.InRange(slopes.Average(), 0.22, 0.24); // mean of U(1/8, 1/3) = 0.2292
        Assert.Equal(slopes, z.grad!.data<float>().ToArray().Select(g => g), new ToleranceComparer(1e-5));
    }

    [Fact]
    public void Rrelu_SameSeed_SameSlopes_AndEvalUsesTheMidpoint()
    {
        using var scope = NewDisposeScope();
        using var a = new RandomizedRelu(0.1, 0.3, seed: 3);
        using var b = new RandomizedRelu(0.1, 0.3, seed: 3);
        var z = full(50, -1.0f);
        Assert.Equal(a.forward(z).data<float>().ToArray(), b.forward(z).data<float>().ToArray());
        a.eval();
        Assert.All(a.forward(z).data<float>().ToArray(), v => Assert.Equal(-0.2f, v, 5));
    }

    [Fact]
    public void NoisyRelu_InTraining_AddsNoiseWithVarianceSigmoidZ_OnPositiveInputsOnly()
    {
        using var scope = NewDisposeScope();
        using var module = new NoisyRelu(seed: 11);
        module.train();
        var z = cat([full(20000, 1.0f), full(100, -1.0f)]).requires_grad_();
        var y = module.forward(z);
        y.sum().backward();
        var values = y.detach().data<float>().ToArray();
        var noise = values.Take(20000).Select(v => v - 1.0).ToArray();
        double mean = noise.Average(), variance = noise.Select(n => (n - mean) * (n - mean)).Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.731 * 0.95, 0.731 * 1.05); // σ(1) = 0.7311
        Assert.All(values.Skip(20000), v => Assert.Equal(0f, v));
        var grads = z.grad!.data<float>().ToArray();
        Assert.All(grads.Take(20000), g => Assert.Equal(1f, g));
        Assert.All(grads.Skip(20000), g => Assert.Equal(0f, g));
        module.eval();
        Assert.Equal(1f, module.forward(full(3, 1.0f)).data<float>()[0]);
    }

    [Fact]
    public void Dropout_InTraining_ZeroesAboutP_AndScalesSurvivors_EvalIsIdentity()
    {
        using var scope = NewDisposeScope();
        using var module = new SeededDropout(0.25, seed: 5);
        using var twin = new SeededDropout(0.25, seed: 5);
        module.train();
        var x = ones(10000);
        var y = module.forward(x).data<float>().ToArray();
        double zeroFraction = y.Count(v => v == 0) / 10000.0;
        Assert.InRange(zeroFraction, 0.23, 0.27);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.75f, v, 5));
        Assert.Equal(y, twin.forward(x).data<float>().ToArray());
        module.eval();
        Assert.All(module.forward(x).data<float>().ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void ActivationFactory_NamesEveryStochasticKind()
    {
        var context = new BuildContext(1, null, null);
        using var rrelu = ActivationFactory.Create(Activation.Rrelu, context);
        using var noisy = ActivationFactory.Create(Activation.NoisyRelu, context);
        Assert.IsType<RandomizedRelu>(rrelu);
        Assert.IsType<NoisyRelu>(noisy);
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
