using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>Maps each dataset kind to its generator or loader.</summary>
public static class DatasetCatalog
{
    public static DatasetShape Describe(DatasetSpec spec) => spec switch
    {
        XorDatasetSpec xor => XorGenerator.Describe(xor),
        AddingDatasetSpec adding => Sequences.AddingGenerator.Describe(adding),
        MemoryDatasetSpec memory => Sequences.MemoryGenerator.Describe(memory),
        NoisySineDatasetSpec sine => Sequences.NoisySineGenerator.Describe(sine),
        SyntheticImagesDatasetSpec images => SyntheticImagesGenerator.Describe(images),
        _ => throw new NotSupportedException($"Dataset kind {spec.GetType().Name} has no generator."),
    };

    public static InMemoryDataset Load(DatasetSpec spec) => spec switch
    {
        XorDatasetSpec xor => XorGenerator.Generate(xor),
        AddingDatasetSpec adding => Sequences.AddingGenerator.Generate(adding),
        MemoryDatasetSpec memory => Sequences.MemoryGenerator.Generate(memory),
        NoisySineDatasetSpec sine => Sequences.NoisySineGenerator.Generate(sine),
        SyntheticImagesDatasetSpec images => SyntheticImagesGenerator.Generate(images),
        _ => throw new NotSupportedException($"Dataset kind {spec.GetType().Name} has no generator."),
    };
}
