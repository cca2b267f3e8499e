using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Two concentric circles in the plane: label 0 on the outer circle, 1 on the inner one; half the samples each.</summary>
public sealed record CirclesDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Standard deviation of Gaussian noise added to each coordinate.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.05;

    [Description("Radius of the inner circle relative to the outer one (radius 1).")]
    [Range(0.01, 0.99)]
    public double Factor { get; init; } = 0.5;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>Interleaved spiral arms, one class per arm, equal counts; two arms make a binary task, more a multiclass one.</summary>
public sealed record SpiralDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated, shared equally among the arms.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 300;

    [Description("Number of arms (classes).")]
    [Range(2, 10)]
    public int Classes { get; init; } = 2;

    [Description("Standard deviation of Gaussian noise added to each coordinate.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.05;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>Two interleaving half circles ("moons"): label 0 on the upper one, 1 on the lower one; half the samples each.</summary>
public sealed record MoonsDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Standard deviation of Gaussian noise added to each coordinate.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.1;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>k isotropic Gaussian blobs, one class per blob, equal counts; centres drawn uniformly in [−10, 10]ᵈ by the seed.</summary>
public sealed record GaussiansDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated, shared equally among the blobs.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Number of blobs k (classes); 2 makes a binary task, more a multiclass one.")]
    [Range(2, 100)]
    public int Centers { get; init; } = 3;

    [Description("Dimensions of each example.")]
    [Range(1, 1_000)]
    public int Dimensions { get; init; } = 2;

    [Description("Standard deviation of each blob.")]
    [Range(0.0, 100.0)]
    public double ClusterStd { get; init; } = 1.0;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}
