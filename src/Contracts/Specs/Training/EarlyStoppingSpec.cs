using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>Stops when a validation metric has not improved by minDelta for patience epochs, and restores the best weights.</summary>
public sealed record EarlyStoppingSpec
{
    [Description("The validation metric watched; needs a validation split (valAccuracy also needs a classifier).")]
    public EarlyStoppingMetric Monitor { get; init; } = EarlyStoppingMetric.ValLoss;

    [Description("Epochs without improvement tolerated before stopping.")]
    [Range(1, 100_000)]
    public int Patience { get; init; } = 10;

    [Description("Smallest change that counts as an improvement.")]
    [Range(0.0, 1e6)]
    public double MinDelta { get; init; } = 0.0;
}

/// <summary>A metric early stopping can watch.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EarlyStoppingMetric>))]
public enum EarlyStoppingMetric
{
    /// <summary>Validation loss; lower is better.</summary>
    [JsonStringEnumMemberName("valLoss")] ValLoss,

    /// <summary>Validation accuracy; higher is better.</summary>
    [JsonStringEnumMemberName("valAccuracy")] ValAccuracy,
}
