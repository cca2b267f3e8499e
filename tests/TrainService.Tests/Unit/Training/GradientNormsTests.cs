using TrainService.Models.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>The norm is read every step (metrics, divergence, clipping): its formula is pinned bit for bit, and its value against float64 arithmetic.</summary>
public sealed class GradientNormsTests
{
    static Parameter[] WithGradients(Generator generator, ScalarType type = ScalarType.Float32)
    {
        var parameters = new long[][] { [37, 5], [5], [3, 7, 2], [300, 200] }.Select(s => new Parameter(randn(s, dtype: type, generator: generator))).ToArray();
        foreach (var p in parameters) (p * randn(p.shape, dtype: type, generator: generator).mul(7)).sum().backward();
        return parameters;
    }

    [Fact]
    public void OnTheCpu_Float32_IsTheSumOfSquaresInFloat64()
    {
        // The host path: every g² summed in double (lanes in another order than this loop, hence the 1e-13).
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var parameters = WithGradients(generator);

        double sum = 0;
        foreach (var p in parameters)
            foreach (float g in p.grad!.data<float>()) sum += (double)g * g;
        double expected = Math.Sqrt(sum);

        double actual = GradientNorms.Global(parameters);
        Assert.Equal(expected, actual, 1e-13 * expected);
        // Not the float32 norms' combination (the libtorch path's formula) by accident: that one is off by float32 rounding.
        double viaFloatNorms = Math.Sqrt(parameters.Select(p => (double)linalg.vector_norm(p.grad!.reshape(-1)).item<float>()).Select(n => n * n).Sum());
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(viaFloatNorms), BitConverter.DoubleToInt64Bits(actual));
    }

    [Fact]
    public void Elsewhere_IsTheFloat64NormOfTheTensorsVectorNorms_BitForBit()
    {
        // float64 gradients are not read on the host: each tensor's vector_norm, combined in float64.
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var parameters = WithGradients(generator, ScalarType.Float64);

        double expected = Math.Sqrt(parameters.Select(p => linalg.vector_norm(p.grad!.reshape(-1)).item<double>()).Select(n => n * n).Sum());

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(GradientNorms.Global(parameters)));
    }

    [Fact]
    public void Global_AgreesWithTheNormInFloat64()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);
        var parameters = WithGradients(generator);

        double exact = Math.Sqrt(parameters.Sum(p => p.grad!.to_type(ScalarType.Float64).square().sum().item<double>()));

        Assert.Equal(exact, GradientNorms.Global(parameters), 1e-12 * exact);
        Assert.Equal(0, GradientNorms.Global([new Parameter(zeros(3))]));
    }
}
