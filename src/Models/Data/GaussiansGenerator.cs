using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>
/// k isotropic Gaussian blobs: the centres are drawn first, uniformly in [−10, 10]ᵈ; row i then
/// belongs to blob i mod k, so the classes are balanced to within one example.
/// </summary>
public static class GaussiansGenerator
{
    public const double CenterBox = 10.0;

    public static DatasetShape Describe(GaussiansDatasetSpec spec) =>
        new([spec.Dimensions], 1, SeededDraws.TaskFor(spec.Centers), spec.Centers, spec.Samples);

    public static InMemoryDataset Generate(GaussiansDatasetSpec spec)
    {
        var random = SeededDraws.For(spec.Seed);
        int d = spec.Dimensions;
        var centers = new double[spec.Centers * d];
        for (int i = 0; i < centers.Length; i++) centers[i] = random.Uniform(-CenterBox, CenterBox);
        var features = new float[spec.Samples * d];
        var targets = new float[spec.Samples];
        for (int i = 0; i < spec.Samples; i++)
        {
            int blob = i % spec.Centers;
            for (int j = 0; j < d; j++)
                features[i * d + j] = (float)(centers[blob * d + j] + spec.ClusterStd * random.Gaussian());
            targets[i] = blob;
        }
        return new InMemoryDataset(features, targets, Describe(spec));
    }
}
