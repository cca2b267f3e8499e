using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>How the learning rate changes from epoch to epoch; the <c>kind</c> field selects the rule. Epochs count after any warm-up.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ConstantScheduleSpec), "constant")]
[JsonDerivedType(typeof(StepScheduleSpec), "step")]
[JsonDerivedType(typeof(ExponentialScheduleSpec), "exponential")]
[JsonDerivedType(typeof(CosineScheduleSpec), "cosine")]
[JsonDerivedType(typeof(ReduceOnPlateauScheduleSpec), "reduce_on_plateau")]
public abstract record LrScheduleSpec;

/// <summary>η stays at the optimizer's lr.</summary>
public sealed record ConstantScheduleSpec : LrScheduleSpec;

/// <summary>η·γ^⌊e/stepSize⌋ (PyTorch StepLR).</summary>
public sealed record StepScheduleSpec : LrScheduleSpec
{
    [Description("Epochs between decays.")]
    [Range(1, 100_000)]
    public int StepSize { get; init; } = 10;

    [Description("Factor γ applied every stepSize epochs.")]
    [Range(0.0, 1.0)]
    public double Gamma { get; init; } = 0.1;
}

/// <summary>η·γᵉ (PyTorch ExponentialLR).</summary>
public sealed record ExponentialScheduleSpec : LrScheduleSpec
{
    [Description("Factor γ applied every epoch.")]
    [Range(0.0, 1.0)]
    public double Gamma { get; init; } = 0.95;
}

/// <summary>η_min + (η − η_min)(1 + cos(πe/T))/2, held at η_min after T (PyTorch CosineAnnealingLR without restarts).</summary>
public sealed record CosineScheduleSpec : LrScheduleSpec
{
    [Description("Epochs T from η down to η_min.")]
    [Range(1, 100_000)]
    public int TMax { get; init; } = 50;

    [Description("Smallest learning rate η_min.")]
    [Range(0.0, 1e6)]
    public double EtaMin { get; init; } = 0.0;
}

/// <summary>Multiplies η by factor after patience epochs without relative improvement of the validation loss (training loss without a validation split), as PyTorch's ReduceLROnPlateau in min/rel mode.</summary>
public sealed record ReduceOnPlateauScheduleSpec : LrScheduleSpec
{
    [Description("Factor applied to η on a plateau.")]
    [Range(0.0, 0.999999)]
    public double Factor { get; init; } = 0.1;

    [Description("Epochs without improvement tolerated before reducing.")]
    [Range(0, 100_000)]
    public int Patience { get; init; } = 10;

    [Description("Relative improvement that counts: loss < best·(1 − threshold).")]
    [Range(0.0, 1.0)]
    public double Threshold { get; init; } = 1e-4;

    [Description("Epochs to wait after a reduction before counting again.")]
    [Range(0, 100_000)]
    public int Cooldown { get; init; } = 0;

    [Description("η is never reduced below this.")]
    [Range(0.0, 1e6)]
    public double MinLr { get; init; } = 0.0;
}
