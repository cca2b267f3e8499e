using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>
/// K spiral arms: row i belongs to arm c = i mod K, at radius r ~ U(0, 1] and angle
/// 2πc/K + 3πr (one and a half turns), so arms interleave and no straight line separates them.
/// </summary>
public static class SpiralGenerator
{
    public static DatasetShape Describe(SpiralDatasetSpec spec) => new([2], 1, SeededDraws.TaskFor(spec.Classes), spec.Classes, spec.Samples);

    public static InMemoryDataset Generate(SpiralDatasetSpec spec)
    {
        var random = SeededDraws.For(spec.Seed);
        var features = new float[spec.Samples * 2];
        var targets = new float[spec.Samples];
        for (int i = 0; i < spec.Samples; i++)
        {
            int arm = i % spec.Classes;
            double radius = 1.0 - random.NextDouble();
            double angle = 2 * Math.PI * arm / spec.Classes + 3 * Math.PI * radius;
            features[2 * i] = (float)(radius * Math.Cos(angle) + spec.Noise * random.Gaussian());
            features[2 * i + 1] = (float)(radius * Math.Sin(angle) + spec.Noise * random.Gaussian());
            targets[i] = arm;
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
