using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Stochastic gradient descent on one example per step: θ ← θ − η∇J(θ; x⁽ⁱ⁾, y⁽ⁱ⁾) (batchSize is ignored).</summary>
public sealed record SgdOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.01;

    public override double InitialLr() => Lr;
}
