using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>
/// h ← act(h + f(h)), f = the inner layers (or a generated conv bottleneck). When f changes the
/// shape, h goes through a learned projection (linear, or a strided 1×1 conv). Pre-activation
/// order computes h + f(act(bn(h))) instead.
/// </summary>
public sealed record ResidualLayerSpec : LayerSpec
{
    [Description("The branch f; may be empty when `bottleneck` is set.")]
    [MaxLength(64)]
    public IReadOnlyList<LayerSpec> Layers { get; init; } = [];

    [Description("Activation after the sum (post-activation) or before the branch (pre-activation).")]
    public Activation Activation { get; init; } = Activation.Identity;

    [Description("Pre-activation order (He et al. 2016): batch norm and activation first, no activation after the sum.")]
    public bool PreActivation { get; init; }

    [Description("Add batch normalisation: at the end of the branch, or at its start in pre-activation order.")]
    public bool BatchNorm { get; init; }

    [Description("For [C, H, W] inputs: generate the branch 1×1 reduce → k×k → 1×1 expand.")]
    public BottleneckSpec? Bottleneck { get; init; }

    [Description("Stochastic depth: drop the branch with this probability per training batch; scale it by 1−p in eval.")]
    [Range(0.0, 0.99)]
    public double StochasticDepth { get; init; }
}

/// <summary>The 1×1 → k×k → 1×1 convolution branch of a bottleneck residual block.</summary>
public sealed record BottleneckSpec
{
    [Description("Channels inside the bottleneck.")]
    [Range(1, 4096)]
    public required int Reduce { get; init; }

    [Description("Size of the middle kernel (odd, padded to keep H and W).")]
    [Range(1, 15)]
    public int Kernel { get; init; } = 3;

    [Description("Output channels; absent = the input's channels (no projection needed).")]
    [Range(1, 4096)]
    public int? Filters { get; init; }

    [Description("Activation after the first two convolutions.")]
    public Activation Activation { get; init; } = Activation.Relu;
}

/// <summary>
/// h ← T∘act(W_H h + b_H) + (1−T)∘h with T = σ(W_T h + b_T) (Srivastava et al. 2015), over flat
/// inputs; the gate bias starts negative so the layer starts close to the identity.
/// </summary>
public sealed record HighwayLayerSpec : LayerSpec
{
    [Description("Activation of the transform H.")]
    public Activation Activation { get; init; } = Activation.Relu;

    [Description("Initial gate bias b_T.")]
    [Range(-20.0, 20.0)]
    public double GateBias { get; init; } = -2.0;

    [Description("Weight initialiser; absent = the model's default.")]
    public InitSpec? Init { get; init; }

    [Description("Initialiser of the transform's bias b_H (the gate bias b_T is `gateBias`); absent = the model's `biasInit`, else TorchSharp's default.")]
    public InitSpec? BiasInit { get; init; }
}

/// <summary>DenseNet-style: h ← concat(h, f(h)) along features (flat) or channels ([C, H, W]).</summary>
public sealed record DenseConcatLayerSpec : LayerSpec
{
    [Description("The branch f; its output must keep H and W for image inputs.")]
    [MinLength(1), MaxLength(64)]
    public required IReadOnlyList<LayerSpec> Layers { get; init; }
}
