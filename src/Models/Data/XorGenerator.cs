using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>The four XOR corners cycled in order, with optional Gaussian jitter; label = x₁ XOR x₂.</summary>
public static class XorGenerator
{
    public static DatasetShape Describe(XorDatasetSpec spec) => new([2], 1, TaskKind.BinaryClassification, 2, spec.Samples);

    public static InMemoryDataset Generate(XorDatasetSpec spec)
    {
        var random = new Random(unchecked((int)spec.Seed));
        var features = new float[spec.Samples * 2];
        var targets = new float[spec.Samples];
        for (int i = 0; i < spec.Samples; i++)
        {
            int a = i & 1, b = (i >> 1) & 1;
            features[2 * i] = a + (float)(spec.Noise * Gaussian(random));
            features[2 * i + 1] = b + (float)(spec.Noise * Gaussian(random));
            targets[i] = a ^ b;
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }

    /// <summary>Box–Muller, so the stream depends only on System.Random's seeded sequence.</summary>
    static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
