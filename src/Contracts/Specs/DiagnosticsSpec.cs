using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>Per-layer diagnostics: which steps are sampled and the bounds that raise pathology events.</summary>
public sealed record DiagnosticsSpec
{
    [Description("Sample every this many steps (unit `steps`) or epochs (unit `epochs`, at the first step of the epoch).")]
    [Range(1, 1_000_000)]
    public int Every { get; init; } = 10;

    [Description("What `every` counts: optimizer steps or epochs.")]
    public DiagnosticsUnit Unit { get; init; } = DiagnosticsUnit.Steps;

    [Description("A vanishing-gradient event when the first parameterised layer's gradient norm divided by the last one's falls below this.")]
    [Range(1e-300, 1.0)]
    public double VanishingRatio { get; init; } = 1e-3;

    [Description("An exploding-gradient event when any layer's gradient norm exceeds this.")]
    [Range(1e-6, double.MaxValue)]
    public double ExplodingNorm { get; init; } = 1e3;

    [Description("A dead-layer event when more than this fraction of a layer's units pass no gradient for the whole batch (derivative exactly zero at every example: relu, noisy_relu, hard_sigmoid, hard_tanh). Leaky families never count as dead.")]
    [Range(0.0, 1.0)]
    public double DeadFraction { get; init; } = 0.5;

    [Description("A sigmoid/tanh unit counts as saturated when |input| exceeds this.")]
    [Range(0.0, 1e6)]
    public double SaturationInput { get; init; } = 3.0;

    [Description("A saturation event when more than this fraction of a sigmoid/tanh layer's inputs are saturated.")]
    [Range(0.0, 1.0)]
    public double SaturatedFraction { get; init; } = 0.5;
}

/// <summary>What <see cref="DiagnosticsSpec.Every"/> counts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiagnosticsUnit>))]
public enum DiagnosticsUnit
{
    [JsonStringEnumMemberName("steps")] Steps,
    [JsonStringEnumMemberName("epochs")] Epochs,
}
