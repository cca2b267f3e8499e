using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>
/// Nadam. book (Dozat, as the course states it): m̂ = μm/(1−μᵗ) + (1−μ)g/(1−μᵗ), v̂ = νv/(1−νᵗ),
/// θ ← θ − ηm̂/√(v̂+ε). torch: PyTorch's NAdam with its momentum schedule (momentum_decay 0.004).
/// </summary>
public sealed record NadamOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.002;

    [Description("Momentum μ (β₁).")]
    [Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    [Description("Decay ν (β₂) of the squared-gradient average.")]
    [Range(0.0, 0.999999)]
    public double Beta2 { get; init; } = 0.999;

    [Description("ε: inside the square root (book) or added to it (torch).")]
    [Range(1e-30, 1.0)]
    public double Eps { get; init; } = 1e-7;

    [Description("`book` (Dozat's form) or `torch` (PyTorch's momentum schedule).")]
    public OptimizerVariant Variant { get; init; } = OptimizerVariant.Torch;
}
