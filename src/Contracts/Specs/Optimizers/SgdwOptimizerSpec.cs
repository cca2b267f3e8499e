using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>SGDW: b ← μb + g; θ ← θ − ηb − ηλθ (momentum SGD with decoupled weight decay).</summary>
public sealed record SgdwOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Momentum μ.")]
    [Range(0.0, 0.999999)]
    public double Momentum { get; init; } = 0.9;

    [Description("Decoupled weight decay λ.")]
    [Range(0.0, 10.0)]
    public double WeightDecay { get; init; } = 0.01;
}
