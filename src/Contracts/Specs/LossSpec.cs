using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>The training objective; the <c>kind</c> field selects it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(BceLossSpec), "bce")]
[JsonDerivedType(typeof(MseLossSpec), "mse")]
[JsonDerivedType(typeof(MaeLossSpec), "mae")]
[JsonDerivedType(typeof(HuberLossSpec), "huber")]
[JsonDerivedType(typeof(BceLogitsLossSpec), "bce_logits")]
[JsonDerivedType(typeof(HingeLossSpec), "hinge")]
[JsonDerivedType(typeof(CrossEntropyLossSpec), "cross_entropy")]
[JsonDerivedType(typeof(MultilabelBceLossSpec), "multilabel_bce")]
[JsonDerivedType(typeof(TripletLossSpec), "triplet")]
[JsonDerivedType(typeof(ContrastiveLossSpec), "contrastive")]
public abstract record LossSpec;

/// <summary>Binary cross-entropy on probabilities: the model must end in one sigmoid unit.</summary>
public sealed record BceLossSpec : LossSpec;

/// <summary>Mean squared error between outputs and targets.</summary>
public sealed record MseLossSpec : LossSpec;

/// <summary>Mean absolute error between outputs and targets.</summary>
public sealed record MaeLossSpec : LossSpec;

/// <summary>Huber: ½e² where |e| ≤ δ, else δ(|e| − ½δ).</summary>
public sealed record HuberLossSpec : LossSpec
{
    [Description("Threshold δ between the quadratic and the linear part.")]
    [Range(1e-6, 1e6)]
    public double Delta { get; init; } = 1.0;
}

/// <summary>Binary cross-entropy on one raw score (logit); numerically stabler than sigmoid + bce.</summary>
public sealed record BceLogitsLossSpec : LossSpec;

/// <summary>Hinge: mean max(0, 1 − y·f(x)) with labels 0/1 mapped to y ∈ {−1, +1}; one raw output, class 1 when f(x) ≥ 0.</summary>
public sealed record HingeLossSpec : LossSpec;

/// <summary>Softmax cross-entropy over C raw scores; targets are class indices or one-hot/probability rows.</summary>
public sealed record CrossEntropyLossSpec : LossSpec;

/// <summary>Independent binary cross-entropy on each of C logits against 0/1 targets (several labels per example).</summary>
public sealed record MultilabelBceLossSpec : LossSpec;

/// <summary>The course's triplet loss max(‖a−p‖² − ‖a−n‖² + α, 0) on squared distances; needs a dataset of triplets.</summary>
public sealed record TripletLossSpec : LossSpec
{
    [Description("Margin α.")]
    [Range(0.0, 1e6)]
    public double Margin { get; init; } = 0.2;
}

/// <summary>Contrastive (Hadsell et al. 2006): y·d² + (1−y)·max(0, m − d)², y = 1 for similar pairs; needs a dataset of pairs.</summary>
public sealed record ContrastiveLossSpec : LossSpec
{
    [Description("Margin m.")]
    [Range(0.0, 1e6)]
    public double Margin { get; init; } = 1.0;
}
