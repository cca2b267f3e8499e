using TrainService.Contracts.Specs;

namespace TrainService.Models.Data.Sequences;

/// <summary>Memory task: a one-hot symbol at step 1, blanks after it (last channel = blank flag); the label is the first symbol.</summary>
public static class MemoryGenerator
{
    public static DatasetShape Describe(MemoryDatasetSpec spec) =>
        new([spec.Length, spec.Symbols + 1], 1, TaskKind.MulticlassClassification, spec.Symbols, spec.Samples);

    public static InMemoryDataset Generate(MemoryDatasetSpec spec)
    {
        var random = new Random(unchecked((int)spec.Seed));
        int width = spec.Symbols + 1, t = spec.Length;
        var features = new float[spec.Samples * t * width];
        var targets = new float[spec.Samples];
        for (int n = 0; n < spec.Samples; n++)
        {
            int symbol = random.Next(spec.Symbols);
            targets[n] = symbol;
            features[n * t * width + symbol] = 1;
            for (int step = 1; step < t; step++) features[(n * t + step) * width + spec.Symbols] = 1;
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
