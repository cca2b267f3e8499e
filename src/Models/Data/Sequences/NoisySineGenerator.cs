using TrainService.Contracts.Specs;

namespace TrainService.Models.Data.Sequences;

/// <summary>Forecasting: a window of sin(φ + k·step) + noise, [window, 1]; the target is the next clean value.</summary>
public static class NoisySineGenerator
{
    public static DatasetShape Describe(NoisySineDatasetSpec spec) => new([spec.Window, 1], 1, TaskKind.Regression, 0, spec.Samples);

    public static InMemoryDataset Generate(NoisySineDatasetSpec spec)
    {
        var random = new Random(unchecked((int)spec.Seed));
        var features = new float[spec.Samples * spec.Window];
        var targets = new float[spec.Samples];
        for (int n = 0; n < spec.Samples; n++)
        {
            double phase = random.NextDouble() * 2 * Math.PI;
            for (int k = 0; k < spec.Window; k++)
                features[n * spec.Window + k] = (float)(Math.Sin(phase + k * spec.Step) + spec.Noise * Gaussian.Next(random));
            targets[n] = (float)Math.Sin(phase + spec.Window * spec.Step);
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
