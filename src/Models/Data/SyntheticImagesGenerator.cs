using TrainService.Contracts.Specs;
using TrainService.Models.Data.Sequences;

namespace TrainService.Models.Data;

/// <summary>1×8×8 images: class 0 a horizontal bar, 1 a vertical bar, 2 a diagonal, at a random offset, plus pixel noise.</summary>
public static class SyntheticImagesGenerator
{
    const int Side = 8;

    public static DatasetShape Describe(SyntheticImagesDatasetSpec spec) => new([1, Side, Side], 1, TaskKind.MulticlassClassification, 3, spec.Samples);

    public static InMemoryDataset Generate(SyntheticImagesDatasetSpec spec)
    {
        var random = new Random(unchecked((int)spec.Seed));
        var features = new float[spec.Samples * Side * Side];
        var targets = new float[spec.Samples];
        for (int n = 0; n < spec.Samples; n++)
        {
            int label = n % 3, offset = random.Next(Side);
            targets[n] = label;
            for (int k = 0; k < Side; k++)
            {
                var (row, column) = label switch { 0 => (offset, k), 1 => (k, offset), _ => (k, (k + offset) % Side) };
                features[n * Side * Side + row * Side + column] = 1;
            }
            for (int p = 0; p < Side * Side; p++) features[n * Side * Side + p] += (float)(spec.Noise * Gaussian.Next(random));
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
