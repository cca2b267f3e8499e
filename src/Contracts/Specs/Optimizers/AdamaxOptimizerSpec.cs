using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Adamax: m as Adam; u ← max(β₂u, |g| + ε); θ ← θ − (η/(1−β₁ᵗ))·m/u.</summary>
public sealed record AdamaxOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.002;

    [Description("Decay of the first-moment average β₁.")]
    [Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    [Description("Decay β₂ of the infinity norm.")]
    [Range(0.0, 0.999999)]
    public double Beta2 { get; init; } = 0.999;

    [Description("ε guarding u = 0.")]
    [Range(1e-30, 1.0)]
    public double Eps { get; init; } = 1e-8;
}
