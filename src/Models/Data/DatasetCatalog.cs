using TrainService.Contracts.Specs;
using TrainService.Models.Data.Shipped;

namespace TrainService.Models.Data;

/// <summary>Maps each dataset kind to its generator or loader. Uploaded datasets need <paramref name="uploads"/>.</summary>
public static class DatasetCatalog
{
    public static DatasetShape Describe(DatasetSpec spec, IUploadedDatasets? uploads = null) => spec switch
    {
        XorDatasetSpec xor => XorGenerator.Describe(xor),
        CirclesDatasetSpec circles => CirclesGenerator.Describe(circles),
        SpiralDatasetSpec spiral => SpiralGenerator.Describe(spiral),
        MoonsDatasetSpec moons => MoonsGenerator.Describe(moons),
        GaussiansDatasetSpec gaussians => GaussiansGenerator.Describe(gaussians),
        XSquaredDatasetSpec curve => CurveGenerator.Describe(curve.Samples),
        ReciprocalDatasetSpec curve => CurveGenerator.Describe(curve.Samples),
        SineDatasetSpec curve => CurveGenerator.Describe(curve.Samples),
        IrisDatasetSpec or WineDatasetSpec or BreastCancerDatasetSpec or DigitsDatasetSpec or DiabetesDatasetSpec => ShippedDatasets.Describe(spec),
        UploadedDatasetSpec uploaded => Require(uploads).Describe(uploaded.DatasetId) ?? throw new DatasetNotFoundException(uploaded.DatasetId),
        AddingDatasetSpec adding => Sequences.AddingGenerator.Describe(adding),
        MemoryDatasetSpec memory => Sequences.MemoryGenerator.Describe(memory),
        NoisySineDatasetSpec sine => Sequences.NoisySineGenerator.Describe(sine),
        SyntheticImagesDatasetSpec images => SyntheticImagesGenerator.Describe(images),
        _ => throw new NotSupportedException($"Dataset kind {spec.GetType().Name} has no generator."),
    };

    public static InMemoryDataset Load(DatasetSpec spec, IUploadedDatasets? uploads = null) => spec switch
    {
        XorDatasetSpec xor => XorGenerator.Generate(xor),
        CirclesDatasetSpec circles => CirclesGenerator.Generate(circles),
        SpiralDatasetSpec spiral => SpiralGenerator.Generate(spiral),
        MoonsDatasetSpec moons => MoonsGenerator.Generate(moons),
        GaussiansDatasetSpec gaussians => GaussiansGenerator.Generate(gaussians),
        XSquaredDatasetSpec curve => CurveGenerator.Generate(curve),
        ReciprocalDatasetSpec curve => CurveGenerator.Generate(curve),
        SineDatasetSpec curve => CurveGenerator.Generate(curve),
        IrisDatasetSpec or WineDatasetSpec or BreastCancerDatasetSpec or DigitsDatasetSpec or DiabetesDatasetSpec => ShippedDatasets.Load(spec),
        UploadedDatasetSpec uploaded => Require(uploads).Load(uploaded.DatasetId),
        AddingDatasetSpec adding => Sequences.AddingGenerator.Generate(adding),
        MemoryDatasetSpec memory => Sequences.MemoryGenerator.Generate(memory),
        NoisySineDatasetSpec sine => Sequences.NoisySineGenerator.Generate(sine),
        SyntheticImagesDatasetSpec images => SyntheticImagesGenerator.Generate(images),
        _ => throw new NotSupportedException($"Dataset kind {spec.GetType().Name} has no generator."),
    };

    static IUploadedDatasets Require(IUploadedDatasets? uploads) =>
        uploads ?? throw new InvalidOperationException("Uploaded datasets can only be resolved where the dataset store is available.");
}
