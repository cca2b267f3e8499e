using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>The training objective; the <c>kind</c> field selects it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(BceLossSpec), "bce")]
[JsonDerivedType(typeof(MseLossSpec), "mse")]
public abstract record LossSpec;

/// <summary>Binary cross-entropy on probabilities: the model must end in one sigmoid unit.</summary>
public sealed record BceLossSpec : LossSpec;

/// <summary>Mean squared error between outputs and targets.</summary>
public sealed record MseLossSpec : LossSpec;
