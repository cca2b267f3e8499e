using TrainService.Models.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>The norm is read every step (metrics, divergence, clipping): its formula is pinned bit for bit, and its value against float64 arithmetic.</summary>
public sealed class GradientNormsTests
{
    static Parameter[] WithGradients(Generator generator)
    {
        var parameters = new long[][] { [37, 5], [5], [3, 7, 2], [300, 200] }.Select(s => new Parameter(randn(s, generator: generator))).ToArray();
        foreach (var p in parameters) (p * randn(p.shape, generator: generator).mul(7)).sum().backward();
        return parameters;
    }

    [Fact]
    public void Global_IsTheFloat64NormOfTheTensorsVectorNorms_BitForBit()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var parameters = WithGradients(generator);

        double expected = Math.Sqrt(parameters.Select(p => (double)linalg.vector_norm(p.grad!.reshape(-1)).item<float>()).Select(n => n * n).Sum());

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(GradientNorms.Global(parameters)));
    }

    [Fact]
    public void Global_AgreesWithTheNormInFloat64_ToFloat32Rounding()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);
        var parameters = WithGradients(generator);

        double exact = Math.Sqrt(parameters.Sum(p => p.grad!.to_type(ScalarType.Float64).square().sum().item<double>()));

        Assert.Equal(exact, GradientNorms.Global(parameters), 1e-6 * exact);
        Assert.Equal(0, GradientNorms.Global([new Parameter(zeros(3))]));
    }
}
