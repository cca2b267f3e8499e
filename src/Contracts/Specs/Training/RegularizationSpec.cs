using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Penalties added to the loss over every parameter: l1·Σ|θ| + (l2/2)·Σθ² (so l2 equals PyTorch's coupled weight_decay).</summary>
public sealed record RegularizationSpec
{
    [Description("L1 coefficient.")]
    [Range(0.0, 100.0)]
    public double L1 { get; init; } = 0.0;

    [Description("L2 coefficient (the penalty is l2/2·Σθ², its gradient l2·θ).")]
    [Range(0.0, 100.0)]
    public double L2 { get; init; } = 0.0;
}
