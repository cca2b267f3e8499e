using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>Gradient clipping applied after backward and before the update; the <c>kind</c> field selects it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(NormClippingSpec), "norm")]
[JsonDerivedType(typeof(ValueClippingSpec), "value")]
public abstract record ClippingSpec;

/// <summary>Rescales all gradients together so that their global L2 norm is at most maxNorm.</summary>
public sealed record NormClippingSpec : ClippingSpec
{
    [Description("Largest global L2 norm of the gradient (the course's example: 1.0).")]
    [Range(1e-12, 1e12)]
    public double MaxNorm { get; init; } = 1.0;
}

/// <summary>Clamps every gradient entry to [−clipValue, clipValue].</summary>
public sealed record ValueClippingSpec : ClippingSpec
{
    [Description("Largest absolute value of any gradient entry.")]
    [Range(1e-12, 1e12)]
    public double ClipValue { get; init; } = 1.0;
}
