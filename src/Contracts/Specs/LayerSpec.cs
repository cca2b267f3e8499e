using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>One layer of the network; the <c>kind</c> field selects its type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(LinearLayerSpec), "linear")]
public abstract record LayerSpec;

/// <summary>A fully connected layer y = act(xWᵀ + b) over a flat input.</summary>
public sealed record LinearLayerSpec : LayerSpec
{
    [Description("Output features.")]
    [Range(1, 65_536)]
    public required int Units { get; init; }

    [Description("Activation applied to the output.")]
    public Activation Activation { get; init; } = Activation.Identity;

    [Description("Whether the layer adds a learned bias.")]
    public bool Bias { get; init; } = true;
}
