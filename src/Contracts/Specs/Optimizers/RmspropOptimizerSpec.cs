using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>RMSprop: n ← νn + (1−ν)g²; book θ ← θ − ηg/√(n+ε); torch θ ← θ − ηg/(√n + ε). Defaults are the course's, not PyTorch's.</summary>
public sealed record RmspropOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Decay ν of the squared-gradient average (PyTorch calls it alpha).")]
    [Range(0.0, 0.999999)]
    public double Rho { get; init; } = 0.9;

    [Description("ε: inside the square root (book) or added to it (torch).")]
    [Range(1e-30, 1.0)]
    public double Eps { get; init; } = 1e-7;

    [Description("`book` (ε inside the square root) or `torch` (ε outside).")]
    public OptimizerVariant Variant { get; init; } = OptimizerVariant.Torch;
}
