using TrainService.Contracts.Specs;
using TrainService.Models.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>Penalties and clipping change the gradient exactly as their formulas say.</summary>
public sealed class StepControlTests
{
    static readonly double[] W = [0.5, -2.0, 1.5];

    /// <summary>Gradient of Σ wᵢxᵢ (x fixed) plus whatever the settings add, computed through BatchClosure.</summary>
    static double[] Gradient(TrainingSettings settings)
    {
        using var scope = NewDisposeScope();
        var w = new Parameter(tensor(W, dtype: ScalarType.Float64));
        var model = nn.Sequential();
        var closure = new BatchClosure(model, (output, target) => (output * w).sum(), tensor(new double[] { 3.0, 1.0, -4.0 }), tensor(0.0), [w], settings);
        closure.LossAndGradient();
        return w.grad!.data<double>().ToArray();
    }

    [Fact]
    public void L1AndL2_AddSignAndTheta_ToTheGradient()
    {
        var g = Gradient(new TrainingSettings { Regularization = new RegularizationSpec { L1 = 0.1, L2 = 0.2 } });
        Assert.Equal([3.0 + 0.1 + 0.2 * 0.5, 1.0 - 0.1 - 0.2 * 2.0, -4.0 + 0.1 + 0.2 * 1.5], g, new Tolerance());
    }

    [Fact]
    public void NormClipping_RescalesToMaxNorm()
    {
        var g = Gradient(new TrainingSettings { Clipping = new NormClippingSpec { MaxNorm = 1.0 } });
        double norm = Math.Sqrt(9 + 1 + 16);
        // PyTorch divides by (norm + 1e-6).
        Assert.Equal([3.0 / (norm + 1e-6), 1.0 / (norm + 1e-6), -4.0 / (norm + 1e-6)], g, new Tolerance());
    }

    [Fact]
    public void ValueClipping_ClampsEachEntry()
    {
        var g = Gradient(new TrainingSettings { Clipping = new ValueClippingSpec { ClipValue = 2.0 } });
        Assert.Equal([2.0, 1.0, -2.0], g, new Tolerance());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("norm")]
    [InlineData("value")]
    public void BothNorms_AreRecorded_TheDivergenceCheckSeesTheClippedOne(string clipping)
    {
        using var scope = NewDisposeScope();
        var w = new Parameter(tensor(W, dtype: ScalarType.Float64));
        double? checkedNorm = null;
        var settings = new TrainingSettings
        {
            Clipping = clipping switch { "norm" => new NormClippingSpec { MaxNorm = 1.0 }, "value" => new ValueClippingSpec { ClipValue = 2.0 }, _ => null },
        };
        var closure = new BatchClosure(nn.Sequential(), (output, target) => (output * w).sum(), tensor(new double[] { 3.0, 1.0, -4.0 }), tensor(0.0), [w], settings)
        {
            CheckGradientNorm = norm => checkedNorm = norm,
        };
        closure.LossAndGradient();
        double after = Math.Sqrt(w.grad!.square().sum().item<double>());
        Assert.Equal(Math.Sqrt(26), closure.FirstGradientNorm!.Value, 1e-9);
        if (clipping == "none") Assert.Null(closure.FirstClippedGradientNorm);
        else Assert.Equal(after, closure.FirstClippedGradientNorm!.Value, 1e-6);
        Assert.Equal(closure.FirstClippedGradientNorm ?? closure.FirstGradientNorm, checkedNorm);
    }

    sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
        public int GetHashCode(double obj) => 0;
    }
}
