using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>L-BFGS (PyTorch's algorithm without line search) on the full-batch loss; defaults are PyTorch's.</summary>
public sealed record LbfgsOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate (step scale).")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 1.0;

    [Description("Inner iterations per optimizer step.")]
    [Range(1, 10_000)]
    public int MaxIter { get; init; } = 20;

    [Description("Stop an inner loop when the largest gradient entry falls below this.")]
    [Range(0.0, 1.0)]
    public double ToleranceGrad { get; init; } = 1e-7;

    [Description("Stop an inner loop when the step or loss changes by less than this.")]
    [Range(0.0, 1.0)]
    public double ToleranceChange { get; init; } = 1e-9;

    [Description("Curvature pairs kept.")]
    [Range(1, 1_000)]
    public int HistorySize { get; init; } = 100;
}
