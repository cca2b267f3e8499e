using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>The gradient optimizer; the <c>kind</c> field selects it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SgdOptimizerSpec), "sgd")]
[JsonDerivedType(typeof(AdamOptimizerSpec), "adam")]
public abstract record OptimizerSpec;

/// <summary>Stochastic gradient descent: θ ← θ − ηg on each mini-batch.</summary>
public sealed record SgdOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.01;
}

/// <summary>Adam (Kingma and Ba, 2015) in PyTorch's form: θ ← θ − η m̂ / (√v̂ + ε).</summary>
public sealed record AdamOptimizerSpec : OptimizerSpec
{
    [Description("Learning rate η.")]
    [Range(1e-12, 1e6)]
    public double Lr { get; init; } = 0.001;

    [Description("Decay of the first-moment average β₁.")]
    [Range(0.0, 0.999999)]
    public double Beta1 { get; init; } = 0.9;

    [Description("Decay of the second-moment average β₂.")]
    [Range(0.0, 0.999999)]
    public double Beta2 { get; init; } = 0.999;

    [Description("ε added to the denominator for numerical stability.")]
    [Range(0.0, 1.0)]
    public double Eps { get; init; } = 1e-7;
}
