using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>
/// Two interleaving half circles as in scikit-learn's make_moons: even rows on (cos t, sin t)
/// with label 0, odd rows on (1 − cos t, 0.5 − sin t) with label 1, t uniform in [0, π].
/// </summary>
public static class MoonsGenerator
{
    public static DatasetShape Describe(MoonsDatasetSpec spec) => new([2], 1, TaskKind.BinaryClassification, 2, spec.Samples);

    public static InMemoryDataset Generate(MoonsDatasetSpec spec)
    {
        var random = SeededDraws.For(spec.Seed);
        var features = new float[spec.Samples * 2];
        var targets = new float[spec.Samples];
        for (int i = 0; i < spec.Samples; i++)
        {
            int label = i % 2;
            double t = random.Uniform(0, Math.PI);
            double x = label == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = label == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            features[2 * i] = (float)(x + spec.Noise * random.Gaussian());
            features[2 * i + 1] = (float)(y + spec.Noise * random.Gaussian());
            targets[i] = label;
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
