using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Adam (Kingma and Ba, 2015): book θ ← θ − ηm̂/√(v̂+ε); torch θ ← θ − ηm̂/(√v̂ + ε).</summary>
public sealed record AdamOptimizerSpec : OptimizerSpec
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

    [Description("ε: inside the square root (book) or added to it (torch).")]
    [Range(1e-30, 1.0)]
    public double Eps { get; init; } = 1e-7;

    [Description("`book` (ε inside the square root) or `torch` (ε outside).")]
    public OptimizerVariant Variant { get; init; } = OptimizerVariant.Torch;
}
