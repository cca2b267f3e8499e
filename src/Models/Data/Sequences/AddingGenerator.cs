using TrainService.Contracts.Specs;

namespace TrainService.Models.Data.Sequences;

/// <summary>The adding problem: [value, marker] per step, two marked steps (one in each half), target = sum of their values.</summary>
public static class AddingGenerator
{
    public static DatasetShape Describe(AddingDatasetSpec spec) => new([spec.Length, 2], 1, TaskKind.Regression, 0, spec.Samples);

    public static InMemoryDataset Generate(AddingDatasetSpec spec)
    {
        var random = new Random(unchecked((int)spec.Seed));
        int t = spec.Length;
        var features = new float[checked(spec.Samples * t * 2)]; // the gate caps the size (DatasetSize); checked in case a caller skips it
        var targets = new float[spec.Samples];
        for (int n = 0; n < spec.Samples; n++)
        {
            int first = random.Next(0, t / 2), second = random.Next(t / 2, t);
            for (int step = 0; step < t; step++)
            {
                int at = (n * t + step) * 2;
                features[at] = (float)random.NextDouble();
                features[at + 1] = step == first || step == second ? 1 : 0;
            }
            targets[n] = features[(n * t + first) * 2] + features[(n * t + second) * 2];
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
