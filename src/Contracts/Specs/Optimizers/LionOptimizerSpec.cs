using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Lion (Chen et al., 2023): c = β₁m + (1−β₁)g; θ ← θ − η(sign(c) + λθ); m ← β₂m + (1−β₂)g.</summary>
public sealed record LionOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 1e-4;

    [Description("Interpolation β₁ between momentum and gradient for the update's sign.")]
    [Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    [Description("Decay β₂ of the momentum.")]
    [Range(0.0, 0.999999)]
    public double Beta2 { get; init; } = 0.99;

    [Description("Decoupled weight decay λ.")]
    [Range(0.0, 10.0)]
    public double WeightDecay { get; init; } = 0.0;
}
