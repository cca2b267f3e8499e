using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Stochastic gradient descent θ ← θ − ηg on each mini-batch; with training.batchSize 1 it is the course's one-example SGD θ ← θ − η∇J(θ; x⁽ⁱ⁾, y⁽ⁱ⁾).</summary>
public sealed record SgdOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.01;
}
