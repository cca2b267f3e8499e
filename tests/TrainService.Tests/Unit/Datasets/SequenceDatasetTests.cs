using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Tests.Unit.Datasets;

/// <summary>The sequence and synthetic image generators: shapes, the rule behind each target, and seed determinism.</summary>
public sealed class SequenceDatasetTests
{
    [Fact]
    public void Adding_TargetIsTheSumOfTheTwoMarkedValues()
    {
        var data = DatasetCatalog.Load(new AddingDatasetSpec { Length = 12, Samples = 50, Seed = 3 });
        Assert.Equal([12, 2], data.Shape.FeatureShape);
        for (int n = 0; n < 50; n++)
        {
            double sum = 0;
            int marks = 0;
            for (int t = 0; t < 12; t++)
            {
                int at = (n * 12 + t) * 2;
                if (data.Features[at + 1] == 1) { sum += data.Features[at]; marks++; }
            }
            Assert.Equal(2, marks);
            Assert.Equal(sum, data.Targets[n], 5);
        }
    }

    [Fact]
    public void Memory_LabelIsTheFirstSymbol_FollowedByBlanks()
    {
        var data = DatasetCatalog.Load(new MemoryDatasetSpec { Length = 5, Symbols = 3, Samples = 30, Seed = 1 });
        Assert.Equal([5, 4], data.Shape.FeatureShape);
        Assert.Equal(TaskKind.MulticlassClassification, data.Shape.Task);
        for (int n = 0; n < 30; n++)
        {
            int label = (int)data.Targets[n];
            Assert.Equal(1f, data.Features[n * 20 + label]);
            for (int t = 1; t < 5; t++) Assert.Equal(1f, data.Features[n * 20 + t * 4 + 3]);
        }
        Assert.True(data.Targets.Distinct().Count() == 3);
    }

    [Fact]
    public void NoisySine_WithoutNoise_WindowsAreConsecutiveSineValues_AndTargetIsTheNext()
    {
        var data = DatasetCatalog.Load(new NoisySineDatasetSpec { Window = 4, Step = 0.5, Noise = 0, Samples = 10, Seed = 2 });
        for (int n = 0; n < 10; n++)
        {
            double phase = Math.Asin(data.Features[n * 4]);
            // sin(φ + 0.5) from the first value: use the identity sin(a+b) with cos φ's sign fixed by the second value.
            double cos = Math.Cos(phase) * (Math.Abs(Math.Sin(phase + 0.5) - data.Features[n * 4 + 1]) < 1e-4 ? 1 : -1);
            double next = data.Features[n * 4] * Math.Cos(2.0) + cos * Math.Sin(2.0);
            Assert.Equal(next, data.Targets[n], 4);
        }
    }

    [Fact]
    public void Generators_SameSeedSameData_OtherSeedOtherData()
    {
        DatasetSpec[] specs = [new AddingDatasetSpec { Seed = 1 }, new MemoryDatasetSpec { Seed = 1 }, new NoisySineDatasetSpec { Seed = 1 }, new SyntheticImagesDatasetSpec { Seed = 1 }];
        foreach (var spec in specs)
        {
            Assert.Equal(DatasetCatalog.Load(spec).Features, DatasetCatalog.Load(spec).Features);
            var other = spec switch
            {
                AddingDatasetSpec a => (DatasetSpec)(a with { Seed = 2 }),
                MemoryDatasetSpec m => m with { Seed = 2 },
                NoisySineDatasetSpec s => s with { Seed = 2 },
                SyntheticImagesDatasetSpec i => i with { Seed = 2 },
                _ => throw new InvalidOperationException(),
            };
            Assert.NotEqual(DatasetCatalog.Load(spec).Features, DatasetCatalog.Load(other).Features);
            var described = DatasetCatalog.Describe(spec);
            var loaded = DatasetCatalog.Load(spec);
            Assert.Equal(described.FeatureShape, loaded.Shape.FeatureShape);
            Assert.Equal(described.Rows * described.FeatureShape.Aggregate(1, (a, b) => a * b), loaded.Features.Length);
            Assert.Equal(described.Rows * described.TargetWidth, loaded.Targets.Length);
        }
    }

    [Fact]
    public void SyntheticImages_WithoutNoise_DrawTheirClassShape()
    {
        var data = DatasetCatalog.Load(new SyntheticImagesDatasetSpec { Samples = 9, Noise = 0, Seed = 4 });
        Assert.Equal([1, 8, 8], data.Shape.FeatureShape);
        for (int n = 0; n < 9; n++)
        {
            var image = data.Features.Skip(n * 64).Take(64).ToArray();
            Assert.Equal(8, image.Count(p => p == 1));
            int label = (int)data.Targets[n];
            var rows = Enumerable.Range(0, 64).Where(p => image[p] == 1).Select(p => p / 8).Distinct().Count();
            var columns = Enumerable.Range(0, 64).Where(p => image[p] == 1).Select(p => p % 8).Distinct().Count();
            Assert.Equal(label == 0 ? (1, 8) : label == 1 ? (8, 1) : (8, 8), (rows, columns));
        }
    }
}
