using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>
/// Damped Newton: θ ← θ − η(H + δI)⁻¹g with the exact Hessian H (double backward) of the
/// full-batch loss. Only for models of at most <see cref="MaxParameters"/> parameters.
/// </summary>
public sealed record NewtonOptimizerSpec : OptimizerSpec
{
    /// <summary>The largest model newton accepts: the Hessian has n² entries and costs n backward passes.</summary>
    public const int MaxParameters = 1_000;

    [Description("Step scale η (1 = the plain Newton step).")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 1.0;

    [Description("Damping δ added to the Hessian's diagonal.")]
    [Range(0.0, 1e6)]
    public double Damping { get; init; } = 1e-4;
}
