using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>
/// The adding problem (Hochreiter and Schmidhuber 1997): each step carries [value ~ U(0,1), marker];
/// exactly two steps are marked and the target is the sum of their values. Input [T, 2], regression.
/// </summary>
public sealed record AddingDatasetSpec : DatasetSpec
{
    [Description("Sequence length T.")]
    [Range(2, 10_000)]
    public int Length { get; init; } = 20;

    [Description("Number of sequences generated.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 1000;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>
/// Memory task: a one-hot symbol at step 1, then `length − 1` steps of noise-free blanks; the
/// target is the first symbol's class. Input [T, symbols + 1], multiclass.
/// </summary>
public sealed record MemoryDatasetSpec : DatasetSpec
{
    [Description("Sequence length T (the delay the network must remember across).")]
    [Range(2, 10_000)]
    public int Length { get; init; } = 10;

    [Description("Number of distinct symbols (classes).")]
    [Range(2, 64)]
    public int Symbols { get; init; } = 4;

    [Description("Number of sequences generated.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 500;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>Noisy sine forecasting: a window of sin(t) + noise, [window, 1], and the next clean value as the target.</summary>
public sealed record NoisySineDatasetSpec : DatasetSpec
{
    [Description("Steps the model sees.")]
    [Range(1, 10_000)]
    public int Window { get; init; } = 10;

    [Description("Time step between samples in radians.")]
    [Range(1e-4, 10.0)]
    public double Step { get; init; } = 0.2;

    [Description("Standard deviation of the Gaussian noise on the inputs.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.05;

    [Description("Number of windows generated (random phases).")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 500;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}

/// <summary>
/// Seeded 1×8×8 images of three classes (a horizontal bar, a vertical bar, a diagonal) at random
/// positions plus Gaussian noise: a small CNN task that needs no files.
/// </summary>
public sealed record SyntheticImagesDatasetSpec : DatasetSpec
{
    [Description("Number of images generated.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 300;

    [Description("Standard deviation of the pixel noise.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.2;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}
