using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>One-dimensional regression targets y = f(x) + noise, x drawn uniformly from f's interval.</summary>
public static class CurveGenerator
{
    public static DatasetShape Describe(int samples) => new([1], 1, TaskKind.Regression, 0, samples);

    public static InMemoryDataset Generate(XSquaredDatasetSpec spec) => Generate(spec.Samples, spec.Noise, spec.Seed, -1.0, 1.0, x => x * x);

    public static InMemoryDataset Generate(ReciprocalDatasetSpec spec) => Generate(spec.Samples, spec.Noise, spec.Seed, 1.0, 100.0, x => 1.0 / x);

    public static InMemoryDataset Generate(SineDatasetSpec spec) => Generate(spec.Samples, spec.Noise, spec.Seed, 1.0, 2 * Math.PI, Math.Sin);

    static InMemoryDataset Generate(int samples, double noise, long seed, double low, double high, Func<double, double> f)
    {
        var random = SeededDraws.For(seed);
        var features = new float[samples];
        var targets = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            double x = random.Uniform(low, high);
            features[i] = (float)x;
            targets[i] = (float)(f(x) + noise * random.Gaussian());
        }
        return new InMemoryDataset(features, targets, Describe(samples));
    }
}
