using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Adagrad: n ← n + g²; book θ ← θ − ηg/√(n+ε); torch θ ← θ − ηg/(√n + ε).</summary>
public sealed record AdagradOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.01;

    [Description("ε: inside the square root (book) or added to it (torch).")]
    [Range(1e-30, 1.0)]
    public double Eps { get; init; } = 1e-7;

    [Description("`book` (ε inside the square root) or `torch` (ε outside).")]
    public OptimizerVariant Variant { get; init; } = OptimizerVariant.Torch;
}
