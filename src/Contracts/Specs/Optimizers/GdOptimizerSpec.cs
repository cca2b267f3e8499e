using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Full-batch gradient descent: θ ← θ − ηg with g over the whole training split (batchSize is ignored).</summary>
public sealed record GdOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Training stops once the gradient's global L2 norm falls below this (0 = never).")]
    [Range(0.0, 1e6)]
    public double Tol { get; init; } = 1e-6;
}
