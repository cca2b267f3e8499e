using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>A 2-D convolution over [C, H, W] inputs with square kernels.</summary>
public sealed record Conv2dLayerSpec : LayerSpec
{
    [Description("Output channels.")]
    [Range(1, 4096)]
    public required int Filters { get; init; }

    [Description("Kernel height and width.")]
    [Range(1, 64)]
    public int Kernel { get; init; } = 3;

    [Description("Step between kernel positions.")]
    [Range(1, 64)]
    public int Stride { get; init; } = 1;

    [Description("Zeros added on each border.")]
    [Range(0, 64)]
    public int Padding { get; init; } = 0;

    [Description("Activation applied to the output, with its course defaults.")]
    public Activation Activation { get; init; } = Activation.Identity;

    [Description("Whether the layer adds a learned bias per filter.")]
    public bool Bias { get; init; } = true;

    [Description("Weight initialiser; absent = the model's default.")]
    public InitSpec? Init { get; init; }

    [Description("Bias initialiser (e.g. `{\"scheme\": \"constant\", \"value\": -3}`); absent = the model's `biasInit`, else TorchSharp's default.")]
    public InitSpec? BiasInit { get; init; }
}

/// <summary>Maximum over square windows of [C, H, W] inputs.</summary>
public sealed record MaxPool2dLayerSpec : LayerSpec
{
    [Description("Window height and width.")]
    [Range(1, 64)]
    public int Size { get; init; } = 2;

    [Description("Step between windows; absent = the window size.")]
    [Range(1, 64)]
    public int? Stride { get; init; }
}

/// <summary>Mean over square windows of [C, H, W] inputs.</summary>
public sealed record AvgPool2dLayerSpec : LayerSpec
{
    [Description("Window height and width.")]
    [Range(1, 64)]
    public int Size { get; init; } = 2;

    [Description("Step between windows; absent = the window size.")]
    [Range(1, 64)]
    public int? Stride { get; init; }
}

/// <summary>Mean over each whole channel: [C, H, W] → [C].</summary>
public sealed record GlobalAvgPool2dLayerSpec : LayerSpec;
