using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>
/// Momentum. book (Rumelhart): v ← μv − ηg; θ ← θ + v. torch: b ← μb + g; θ ← θ − ηb.
/// The two agree for a constant η and differ once a schedule changes η.
/// </summary>
public sealed record MomentumOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Momentum μ.")]
    [Range(0.0, 0.999999)]
    public double Momentum { get; init; } = 0.9;

    [Description("`book` (velocity holds −ηg) or `torch` (buffer holds g, η applied at the step).")]
    public OptimizerVariant Variant { get; init; } = OptimizerVariant.Torch;
}
