using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>y = x² + noise for x drawn uniformly from [−1, 1].</summary>
public sealed record XSquaredDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated.")]
    [Range(2, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Standard deviation of Gaussian noise added to the target.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.0;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>y = 1/x + noise for x drawn uniformly from [1, 100].</summary>
public sealed record ReciprocalDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated.")]
    [Range(2, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Standard deviation of Gaussian noise added to the target.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.0;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>y = sin(x) + noise for x drawn uniformly from [1, 2π].</summary>
public sealed record SineDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated.")]
    [Range(2, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Standard deviation of Gaussian noise added to the target.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.0;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}
