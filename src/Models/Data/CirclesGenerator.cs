using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>Concentric circles: even rows on the outer circle (label 0, radius 1), odd rows on the inner one (label 1).</summary>
public static class CirclesGenerator
{
    public static DatasetShape Describe(CirclesDatasetSpec spec) => new([2], 1, TaskKind.BinaryClassification, 2, spec.Samples);

    public static InMemoryDataset Generate(CirclesDatasetSpec spec)
    {
        var random = SeededDraws.For(spec.Seed);
        var features = new float[spec.Samples * 2];
        var targets = new float[spec.Samples];
        for (int i = 0; i < spec.Samples; i++)
        {
            int label = i % 2;
            double radius = label == 0 ? 1.0 : spec.Factor;
            double angle = random.Uniform(0, 2 * Math.PI);
            features[2 * i] = (float)(radius * Math.Cos(angle) + spec.Noise * random.Gaussian());
            features[2 * i + 1] = (float)(radius * Math.Sin(angle) + spec.Noise * random.Gaussian());
            targets[i] = label;
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
