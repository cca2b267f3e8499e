using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>
/// A standalone nonlinearity. Parameters apply only to the functions that have them: `alpha`
/// (leaky_relu, default 0.01; elu, default 1), `lower`/`upper` (rrelu, 1/8 and 1/3),
/// `perChannel` and `preluInit` (prelu).
/// </summary>
public sealed record ActivationLayerSpec : LayerSpec
{
    [Description("The function, e.g. relu, leaky_relu, gelu_sigmoid.")]
    public required Activation Function { get; init; }

    [Description("α of leaky_relu (default 0.01) or elu (default 1).")]
    [Range(0.0, 100.0)]
    public double? Alpha { get; init; }

    [Description("Lower bound l of rrelu's random slope (default 1/8).")]
    [Range(0.0, 1.0)]
    public double? Lower { get; init; }

    [Description("Upper bound u of rrelu's random slope (default 1/3).")]
    [Range(0.0, 1.0)]
    public double? Upper { get; init; }

    [Description("prelu: one learned slope per channel (dimension 1) instead of one shared slope.")]
    public bool? PerChannel { get; init; }

    [Description("prelu: initial slope (default 0.25).")]
    [Range(0.0, 1.0)]
    public double? PreluInit { get; init; }
}

/// <summary>Zeroes each value with probability p in training and scales the rest by 1/(1−p); identity in eval.</summary>
public sealed record DropoutLayerSpec : LayerSpec
{
    [Description("Drop probability p.")]
    [Range(0.0, 0.99)]
    public double P { get; init; } = 0.5;
}

/// <summary>Flattens each example to one dimension (NCHW → N×CHW).</summary>
public sealed record FlattenLayerSpec : LayerSpec;

/// <summary>Batch normalisation over features ([F] input, 1d) or channels ([C, H, W] input, 2d); running statistics in eval.</summary>
public sealed record BatchNormLayerSpec : LayerSpec
{
    [Description("Weight of the newest batch in the running mean/variance.")]
    [Range(0.0, 1.0)]
    public double Momentum { get; init; } = 0.1;

    [Description("ε added to the variance.")]
    [Range(0.0, 1.0)]
    public double Eps { get; init; } = 1e-5;
}

/// <summary>Layer normalisation over all dimensions of each example, with a learned scale and shift.</summary>
public sealed record LayerNormLayerSpec : LayerSpec
{
    [Description("ε added to the variance.")]
    [Range(0.0, 1.0)]
    public double Eps { get; init; } = 1e-5;
}
