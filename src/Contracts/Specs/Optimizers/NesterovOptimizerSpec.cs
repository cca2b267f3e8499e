using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Nesterov momentum: v ← μv − ηg; θ ← θ + μv − ηg (the course's code, identical to PyTorch's SGD with nesterov).</summary>
public sealed record NesterovOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Momentum μ.")]
    [Range(1e-6, 0.999999)]
    public double Momentum { get; init; } = 0.9;
}
