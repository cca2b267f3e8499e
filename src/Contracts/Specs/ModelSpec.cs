using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>The network: the shape of one example and the layers applied in order.</summary>
public sealed record ModelSpec
{
    [Description("Shape of one input example, without the batch dimension, e.g. [2], [1, 8, 8] or [T, F] for sequences.")]
    [MinLength(1), MaxLength(4)]
    public required int[] InputShape { get; init; }

    [Description("Layers applied in order; the last one produces the model output.")]
    [MinLength(1), MaxLength(512)]
    public required IReadOnlyList<LayerSpec> Layers { get; init; }

    [Description("Default weight initialiser for layers that set none; absent = TorchSharp's default (Kaiming-uniform, a = √5).")]
    public InitSpec? Init { get; init; }

    [Description("Default bias initialiser for layers that set none (e.g. zeros for SELU networks); absent = TorchSharp's default (uniform ±1/√fan_in).")]
    public InitSpec? BiasInit { get; init; }
}
