using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>The gradient optimizer; the <c>kind</c> field selects it. Defaults are the course's where it states them, otherwise PyTorch's.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(GdOptimizerSpec), "gd")]
[JsonDerivedType(typeof(SgdOptimizerSpec), "sgd")]
[JsonDerivedType(typeof(MomentumOptimizerSpec), "momentum")]
[JsonDerivedType(typeof(NesterovOptimizerSpec), "nesterov")]
[JsonDerivedType(typeof(AdagradOptimizerSpec), "adagrad")]
[JsonDerivedType(typeof(RmspropOptimizerSpec), "rmsprop")]
[JsonDerivedType(typeof(AdamOptimizerSpec), "adam")]
[JsonDerivedType(typeof(AdamaxOptimizerSpec), "adamax")]
[JsonDerivedType(typeof(NadamOptimizerSpec), "nadam")]
[JsonDerivedType(typeof(AdamwOptimizerSpec), "adamw")]
[JsonDerivedType(typeof(SgdwOptimizerSpec), "sgdw")]
[JsonDerivedType(typeof(RadamOptimizerSpec), "radam")]
[JsonDerivedType(typeof(LionOptimizerSpec), "lion")]
[JsonDerivedType(typeof(NewtonOptimizerSpec), "newton")]
[JsonDerivedType(typeof(LbfgsOptimizerSpec), "lbfgs")]
public abstract record OptimizerSpec;

/// <summary>Which update rule an optimizer follows where the textbook and PyTorch differ.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OptimizerVariant>))]
public enum OptimizerVariant
{
    /// <summary>PyTorch's built-in form.</summary>
    [JsonStringEnumMemberName("torch")] Torch,

    /// <summary>The course textbook's form.</summary>
    [JsonStringEnumMemberName("book")] Book,
}
