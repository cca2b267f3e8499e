using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>Where the training examples come from; the <c>kind</c> field selects the source.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(XorDatasetSpec), "xor")]
[JsonDerivedType(typeof(CirclesDatasetSpec), "circles")]
[JsonDerivedType(typeof(SpiralDatasetSpec), "spiral")]
[JsonDerivedType(typeof(MoonsDatasetSpec), "moons")]
[JsonDerivedType(typeof(GaussiansDatasetSpec), "gaussians")]
[JsonDerivedType(typeof(XSquaredDatasetSpec), "x_squared")]
[JsonDerivedType(typeof(ReciprocalDatasetSpec), "reciprocal")]
[JsonDerivedType(typeof(SineDatasetSpec), "sine")]
[JsonDerivedType(typeof(IrisDatasetSpec), "iris")]
[JsonDerivedType(typeof(WineDatasetSpec), "wine")]
[JsonDerivedType(typeof(BreastCancerDatasetSpec), "breast_cancer")]
[JsonDerivedType(typeof(DigitsDatasetSpec), "digits")]
[JsonDerivedType(typeof(DiabetesDatasetSpec), "diabetes")]
[JsonDerivedType(typeof(UploadedDatasetSpec), "uploaded")]
[JsonDerivedType(typeof(AddingDatasetSpec), "adding")]
[JsonDerivedType(typeof(MemoryDatasetSpec), "memory")]
[JsonDerivedType(typeof(NoisySineDatasetSpec), "noisy_sine")]
[JsonDerivedType(typeof(SyntheticImagesDatasetSpec), "synthetic_images")]
public abstract record DatasetSpec;

/// <summary>The four XOR corners, repeated and jittered by Gaussian noise; label 1 where exactly one input is 1.</summary>
public sealed record XorDatasetSpec : DatasetSpec
{
    [Description("Number of examples generated.")]
    [Range(4, 1_000_000)]
    public int Samples { get; init; } = 200;

    [Description("Standard deviation of Gaussian noise added to each input.")]
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.0;

    [Description("Seed of the generator; same seed, same data.")]
    public long Seed { get; init; } = 0;
}
