using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs.Studies;

/// <summary>
/// A comparison study: a base training spec, factors that replace values at JSON paths of it, and
/// seeds. Every arm (one combination of factor values) runs every seed, so arms are compared on
/// paired runs: the seed is written into <c>training.seed</c>, which fixes the initial weights, the
/// shuffling order and the validation/test split. The dataset's own generator seed is left as the
/// base spec says, so every run of a study sees the same data.
/// </summary>
public sealed record StudySpec
{
    [Description("A label for people; need not be unique.")]
    public required string Name { get; init; }

    [Description("The training spec (a TrainingSpec, as POST /api/jobs takes) every arm starts from; validated like a job's spec once the factors and seed are applied.")]
    public required JsonElement Base { get; init; }

    [Description("What varies: each factor replaces the value at a JSON path of the base spec with each of its values; several factors combine as a grid.")]
    public required IReadOnlyList<StudyFactor> Factors { get; init; }

    [Description("Every arm runs each of these seeds (written into training.seed), so arms are compared seed by seed.")]
    public required IReadOnlyList<long> Seeds { get; init; }

    [Description("The metric compared across arms and whether lower or higher is better.")]
    public required StudyObjective Objective { get; init; }

    [Description("How arms are drawn from the factors: grid = every combination; random = count distinct combinations drawn uniformly.")]
    public StudySampler Sampler { get; init; } = StudySampler.Grid;

    [Description("With sampler random: how many distinct combinations to draw (at most the grid's size).")]
    public int? Count { get; init; }

    [Description("With sampler random: seeds the draw, so the same study draws the same arms.")]
    public long SamplerSeed { get; init; } = 0;

    [Description("How the arms' epochs are spent: absent = every arm trains every epoch; halving = successive halving (train all arms briefly, continue only the best).")]
    public StudySchedulerSpec? Scheduler { get; init; }
}

/// <summary>How a study spends its epochs across arms; the <c>kind</c> field selects it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HalvingSchedulerSpec), "halving")]
public abstract record StudySchedulerSpec;

/// <summary>
/// Successive halving: every arm trains <c>minEpochs</c>; the best 1/<c>factor</c> of the arms (by the
/// objective's mean over seeds) continue from their checkpoints to <c>minEpochs</c>·factor epochs, and so on
/// until the base spec's epochs. A continued job resumes bit for bit where it stopped.
/// </summary>
public sealed record HalvingSchedulerSpec : StudySchedulerSpec
{
    [Description("Epochs every arm trains before the first cut; at least 1 and below the base spec's training.epochs.")]
    [Range(1, 1_000_000)]
    public required int MinEpochs { get; init; }

    [Description("At each cut, the best ceil(arms/factor) arms continue and each rung trains factor times as many epochs (capped at the base spec's).")]
    [Range(2, 100)]
    public int Factor { get; init; } = 3;
}

/// <summary>One varied setting of a study.</summary>
public sealed record StudyFactor
{
    [Description("JSON path into the base spec, e.g. $.optimizer, $.optimizer.lr, $.model.layers[0].activation. Array items it indexes must exist in the base spec; a section the base omits starts empty.")]
    public required string Path { get; init; }

    [Description("The values written at the path, one per level: scalars or whole objects (e.g. a full optimizer).")]
    public required IReadOnlyList<JsonElement> Values { get; init; }

    [Description("A short name for the factor in tables (default: the path).")]
    public string? Label { get; init; }
}

/// <summary>The metric a study ranks arms by: its value at the final epoch of each job.</summary>
public sealed record StudyObjective
{
    [Description("Per-epoch metric whose final-epoch value is compared: trainLoss, valLoss, trainAccuracy or valAccuracy.")]
    public required string Metric { get; init; }

    [Description("min = lower is better, max = higher is better.")]
    public required ObjectiveMode Mode { get; init; }
}

/// <summary>Whether lower or higher values of the objective are better.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectiveMode>))]
public enum ObjectiveMode
{
    [JsonStringEnumMemberName("min")] Min,
    [JsonStringEnumMemberName("max")] Max,
}

/// <summary>How a study draws its arms from the factors.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudySampler>))]
public enum StudySampler
{
    [JsonStringEnumMemberName("grid")] Grid,
    [JsonStringEnumMemberName("random")] Random,
}
