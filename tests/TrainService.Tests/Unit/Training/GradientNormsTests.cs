using TrainService.Models.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>The norm is read every step (metrics, divergence, clipping): a cheaper form must give the same bits.</summary>
public sealed class GradientNormsTests
{
    [Fact]
    public void Global_EqualsTheSumOfPowTwoSquaresBitForBit()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var parameters = new long[][] { [37, 5], [5], [3, 7, 2] }.Select(s => new Parameter(randn(s, generator: generator))).ToArray();
        foreach (var p in parameters) (p * randn(p.shape, generator: generator).mul(7)).sum().backward();

        float expected = parameters.Select(p => p.grad!.pow(2).sum()).Aggregate((a, b) => a.add_(b)).sqrt().item<float>();
        float actual = GradientNorms.Global(parameters).item<float>();

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }
}
