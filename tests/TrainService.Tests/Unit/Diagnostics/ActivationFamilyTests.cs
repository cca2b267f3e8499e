using TrainService.Contracts.Specs;
using TrainService.Models.Diagnostics;
using TrainService.Models.Networks;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Diagnostics;

/// <summary>
/// "Dead" means no gradient flows: for every activation of the catalog, the family's zero-gradient
/// rule agrees with autograd's derivative point by point, and the leaky families' derivative is
/// never zero, so they can never be reported dead.
/// </summary>
public sealed class ActivationFamilyTests
{
    public static TheoryData<Activation> Activations() => new(Enum.GetValues<Activation>().Where(a => a is not (Activation.Identity or Activation.Softmax)));

    [Theory]
    [MemberData(nameof(Activations))]
    public void ZeroGradientRule_AgreesWithAutograd(Activation activation)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationFactory.Create(activation, new BuildContext(1, null, null));
        module.train();
        var kind = ActivationFamilies.Of(module);
        Assert.NotEqual(ActivationFamily.Other, kind.Family);
        // A grid that hits the boundaries exactly (0, ±1, ±3) and lies beyond them.
        var z = linspace(-6, 6, 241, dtype: ScalarType.Float32).reshape(-1, 1).requires_grad_();
        module.forward(z).sum().backward();
        var zeroByAutograd = z.grad!.eq(0f);
        if (kind.Family == ActivationFamily.Dying)
        {
            var rule = kind.ZeroGradient!(z.detach());
            Assert.True(rule.eq(zeroByAutograd).all().item<bool>(), $"{activation}: rule and autograd disagree");
            Assert.True(rule.any().item<bool>(), $"{activation} has a flat region");
            // The host path's rule for one input says the same at every point (the edges included).
            Assert.Equal(rule.data<bool>().ToArray(), z.detach().data<float>().ToArray().Select(kind.ZeroGradientAt!.Value.Holds));
        }
        else
        {
            // On [−4, 4]: further out float32 rounds gelu_tanh's tanh to −1 exactly (an underflow, not a flat region).
            var inner = z.detach().abs().le(4f);
            Assert.False(zeroByAutograd.logical_and(inner).any().item<bool>(), $"{activation}'s derivative is exactly zero somewhere on [−4, 4]");
        }
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.HardSigmoid)]
    [InlineData(Activation.HardTanh)]
    [InlineData(Activation.NoisyRelu)]
    public void DeadUnits_AreTheUnitsWhoseRuleHoldsAtEveryExample(Activation activation)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationFactory.Create(activation, new BuildContext(1, null, null));
        var kind = ActivationFamilies.Of(module);
        using var generator = new Generator(4);
        // Columns: random, all at the boundaries (0, ±1, ±3: dead or not by the rule's edge), all far below, all far above, mixed.
        var z = cat([
            randn(8, 3, generator: generator).mul(4),
            tensor(new float[] { 0, 0, 0, 0, 0, 0, 0, 0 }).reshape(8, 1),
            tensor(new float[] { -1, -1, -1, -1, 1, 1, 1, 1 }).reshape(8, 1),
            tensor(new float[] { -3, -3, -3, -3, 3, 3, 3, 3 }).reshape(8, 1),
            full(8, 1, -9f), full(8, 1, 9f),
            tensor(new float[] { -9, -9, -9, -9, 9, 9, 9, 9 }).reshape(8, 1),
        ], 1);
        var expected = kind.ZeroGradient!(z).all(0);
        Assert.True(kind.Dead(z).eq(expected).all().item<bool>(), $"{activation}: {string.Join(",", kind.Dead(z).data<bool>().ToArray())} vs {string.Join(",", expected.data<bool>().ToArray())}");
        Assert.True(expected.any().item<bool>());
        // The host path's rule for one input, held at every example, finds the same units (the boundary columns included).
        var values = z.data<float>().ToArray();
        int units = (int)z.shape[1];
        Assert.Equal(expected.data<bool>().ToArray(), Enumerable.Range(0, units).Select(u => Enumerable.Range(0, 8).All(row => kind.ZeroGradientAt!.Value.Holds(values[row * units + u]))));
        Assert.Equal(expected.data<bool>().Count(dead => dead), kind.ZeroGradientAt!.Value.UnitsWhereAlways(values, units));
    }

    [Theory]
    [InlineData(Activation.Relu, ActivationFamily.Dying)]
    [InlineData(Activation.HardSigmoid, ActivationFamily.Dying)]
    [InlineData(Activation.HardTanh, ActivationFamily.Dying)]
    [InlineData(Activation.NoisyRelu, ActivationFamily.Dying)]
    [InlineData(Activation.LeakyRelu, ActivationFamily.Leaky)]
    [InlineData(Activation.Prelu, ActivationFamily.Leaky)]
    [InlineData(Activation.Rrelu, ActivationFamily.Leaky)]
    [InlineData(Activation.Elu, ActivationFamily.Leaky)]
    [InlineData(Activation.Selu, ActivationFamily.Leaky)]
    [InlineData(Activation.Gelu, ActivationFamily.Leaky)]
    [InlineData(Activation.Sigmoid, ActivationFamily.Saturating)]
    [InlineData(Activation.Tanh, ActivationFamily.Saturating)]
    public void Family_IsTheCourses(Activation activation, ActivationFamily family)
    {
        using var module = ActivationFactory.Create(activation, new BuildContext(1, null, null));
        Assert.Equal(family, ActivationFamilies.Of(module).Family);
    }
}
