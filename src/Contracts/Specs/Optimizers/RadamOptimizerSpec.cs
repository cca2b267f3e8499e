using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>RAdam (Liu et al., 2019): Adam with the variance of the adaptive rate rectified in early steps (PyTorch's form).</summary>
public sealed record RadamOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Decay of the first-moment average β₁.")]
    [Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    [Description("Decay of the second-moment average β₂.")]
    [Range(0.0, 0.999999)]
    public double Beta2 { get; init; } = 0.999;

    [Description("ε added to √v̂.")]
    [Range(1e-30, 1.0)]
    public double Eps { get; init; } = 1e-8;
}
