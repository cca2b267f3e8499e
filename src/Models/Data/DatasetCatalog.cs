using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>Maps each dataset kind to its generator or loader.</summary>
public static class DatasetCatalog
{
    public static DatasetShape Describe(DatasetSpec spec) => spec switch
    {
        XorDatasetSpec xor => XorGenerator.Describe(xor),
        _ => throw new NotSupportedException($"Dataset kind {spec.GetType().Name} has no generator."),
    };

    public static InMemoryDataset Load(DatasetSpec spec) => spec switch
    {
        XorDatasetSpec xor => XorGenerator.Generate(xor),
        _ => throw new NotSupportedException($"Dataset kind {spec.GetType().Name} has no generator."),
    };
}
