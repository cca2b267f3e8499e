using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>
/// When checkpoints are written. The final state is always saved as <c>final</c>; periodic ones are
/// named <c>epoch-000010</c> and only the newest <see cref="KeepLast"/> are kept; <c>best</c> tracks
/// the best value of <see cref="BestMetric"/>. Every checkpoint holds everything needed to resume.
/// </summary>
public sealed record CheckpointPolicy
{
    [Description("Write a periodic checkpoint every N epochs (0 = none besides best and final).")]
    [Range(0, 100_000)]
    public int EveryEpochs { get; init; } = 10;

    [Description("Periodic checkpoints kept; older ones are deleted.")]
    [Range(1, 1000)]
    public int KeepLast { get; init; } = 3;

    [Description("Metric that decides the `best` checkpoint: trainLoss, valLoss, trainAccuracy or valAccuracy. Omitted: valLoss with a validation split, else trainLoss.")]
    public BestMetric? BestMetric { get; init; }
}

/// <summary>A per-epoch metric that can select the best checkpoint; losses are minimised, accuracies maximised.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BestMetric>))]
public enum BestMetric
{
    [JsonStringEnumMemberName("trainLoss")] TrainLoss,
    [JsonStringEnumMemberName("valLoss")] ValLoss,
    [JsonStringEnumMemberName("trainAccuracy")] TrainAccuracy,
    [JsonStringEnumMemberName("valAccuracy")] ValAccuracy,
}
