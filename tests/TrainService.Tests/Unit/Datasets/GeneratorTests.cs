using System.Security.Cryptography;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Tests.Unit.Datasets;

public sealed class GeneratorTests
{
    public static TheoryData<DatasetSpec> Generators() =>
    [
        new XorDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 },
        new CirclesDatasetSpec { Samples = 100, Seed = 3 },
        new SpiralDatasetSpec { Samples = 99, Classes = 3, Seed = 3 },
        new MoonsDatasetSpec { Samples = 100, Seed = 3 },
        new GaussiansDatasetSpec { Samples = 100, Centers = 4, Seed = 3 },
        new XSquaredDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 },
        new ReciprocalDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 },
        new SineDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 },
    ];

    /// <summary>
    /// SHA-256 of features and targets, recorded once: the same seed gives the same bytes on every
    /// machine and in every version, not only twice in one process.
    /// </summary>
    public static TheoryData<DatasetSpec, string> StoredHashes() => new()
    {
        { new XorDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 }, "1D91B0725660DCB42D60B3873580BC5BECEADFDE4148CC8691FCA1BD4C39F3C0" },
        { new CirclesDatasetSpec { Samples = 100, Seed = 3 }, "B154C81DBE1108AC2E4280593119F2335AC16E31C9E0E2567AD8197628C235F5" },
        { new SpiralDatasetSpec { Samples = 99, Classes = 3, Seed = 3 }, "8D404545DF32407702BA17CDAF3A223ED6FC571FC68F52AB1FE5875C4E6638AC" },
        { new MoonsDatasetSpec { Samples = 100, Seed = 3 }, "CB56A4070A7197714E4AB7014DD36613D00E03ABCEECD52888A606113FEF305B" },
        { new GaussiansDatasetSpec { Samples = 100, Centers = 4, Seed = 3 }, "980CD2EF06E8AEF27554216EFB97E34F5A4ADFB07C0C70B2922C4890C4CADF56" },
        { new XSquaredDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 }, "EED14A0357FB1E67B2E92E20ACC8FDA948F82AB4E0D0CCCE630EE9FBCF039451" },
        { new ReciprocalDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 }, "A6AA1624729F6A1BC56360377ACF1E376FF7E0C7AABC8010192A6614FD738705" },
        { new SineDatasetSpec { Samples = 100, Noise = 0.1, Seed = 3 }, "6D52135CC7843269DDAEB9CF9B7DACB7A488F4ED7F3A9711583F7790117CDE42" },
    };

    [Theory, MemberData(nameof(StoredHashes))]
    public void Seed_GivesTheRecordedBytes(DatasetSpec spec, string expected)
    {
        string actual = Hash(DatasetCatalog.Load(spec));
        Assert.True(actual == expected, $"{spec.GetType().Name}: recorded {expected}, got {actual}");
    }

    [Fact]
    public void StoredHashes_CoverEveryGenerator() =>
        Assert.Equal(Generators().Cast<object[]>().Select(row => row[0].GetType()), StoredHashes().Cast<object[]>().Select(row => row[0].GetType()));

    [Theory, MemberData(nameof(Generators))]
    public void SameSeed_SameHash_OtherSeed_OtherHash(DatasetSpec spec)
    {
        string first = Hash(DatasetCatalog.Load(spec));
        string again = Hash(DatasetCatalog.Load(spec));
        string otherSeed = Hash(DatasetCatalog.Load(WithSeed(spec, 4)));
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
    }

    [Theory, MemberData(nameof(Generators))]
    public void Output_MatchesTheDescribedShape(DatasetSpec spec)
    {
        var shape = DatasetCatalog.Describe(spec);
        var data = DatasetCatalog.Load(spec);
        Assert.Equal(shape.Rows * shape.FeatureShape.Aggregate(1, (a, b) => a * b), data.Features.Length);
        Assert.Equal(shape.Rows * shape.TargetWidth, data.Targets.Length);
        Assert.All(data.Features, f => Assert.True(float.IsFinite(f)));
        if (shape.Task != TaskKind.Regression)
            Assert.All(data.Targets, t => Assert.InRange(t, 0, shape.Classes - 1));
    }

    [Fact]
    public void Circles_AreBalanced_OnRadiusOneAndFactor()
    {
        var data = CirclesGenerator.Generate(new CirclesDatasetSpec { Samples = 200, Noise = 0, Factor = 0.3, Seed = 1 });
        Assert.Equal(100, data.Targets.Count(t => t == 0));
        Assert.Equal(100, data.Targets.Count(t => t == 1));
        for (int i = 0; i < 200; i++)
        {
            double radius = Math.Sqrt(data.Features[2 * i] * data.Features[2 * i] + data.Features[2 * i + 1] * data.Features[2 * i + 1]);
            Assert.Equal(data.Targets[i] == 0 ? 1.0 : 0.3, radius, 1e-5);
        }
    }

    [Fact]
    public void Moons_LieOnTheirHalfCircles()
    {
        var data = MoonsGenerator.Generate(new MoonsDatasetSpec { Samples = 200, Noise = 0, Seed = 1 });
        Assert.Equal(100, data.Targets.Count(t => t == 1));
        for (int i = 0; i < 200; i++)
        {
            double x = data.Features[2 * i], y = data.Features[2 * i + 1];
            // Upper moon: unit circle around (0, 0), y ≥ 0. Lower moon: unit circle around (1, 0.5), y ≤ 0.5.
            var (cx, cy) = data.Targets[i] == 0 ? (0.0, 0.0) : (1.0, 0.5);
            Assert.Equal(1.0, Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)), 1e-5);
            Assert.True(data.Targets[i] == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6);
        }
    }

    [Fact]
    public void Spiral_HasEqualArms_InsideTheUnitDisc()
    {
        var spec = new SpiralDatasetSpec { Samples = 300, Classes = 3, Noise = 0, Seed = 2 };
        var data = SpiralGenerator.Generate(spec);
        Assert.Equal(TaskKind.MulticlassClassification, SpiralGenerator.Describe(spec).Task);
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(100, data.Targets.Count(t => t == c)));
        for (int i = 0; i < 300; i++)
            Assert.InRange(Math.Sqrt(data.Features[2 * i] * data.Features[2 * i] + data.Features[2 * i + 1] * data.Features[2 * i + 1]), 0, 1 + 1e-6);
    }

    [Fact]
    public void Gaussians_HaveKBalancedBlobs_WithTheRequestedSpread()
    {
        var spec = new GaussiansDatasetSpec { Samples = 4000, Centers = 4, Dimensions = 3, ClusterStd = 0.5, Seed = 5 };
        var data = GaussiansGenerator.Generate(spec);
        Assert.Equal([3], GaussiansGenerator.Describe(spec).FeatureShape);
        for (int c = 0; c < 4; c++)
        {
            var rows = Enumerable.Range(0, 4000).Where(r => data.Targets[r] == c).ToList();
            Assert.Equal(1000, rows.Count);
            for (int j = 0; j < 3; j++)
            {
                var values = rows.Select(r => (double)data.Features[r * 3 + j]).ToList();
                double mean = values.Average();
                double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
                Assert.InRange(mean, -10.2, 10.2); // centres lie in [−10, 10]
                Assert.InRange(std, 0.45, 0.55);
            }
        }
        Assert.Equal(TaskKind.BinaryClassification, GaussiansGenerator.Describe(spec with { Centers = 2 }).Task);
    }

    [Fact]
    public void Curves_FollowTheirFunctions_OnTheirIntervals()
    {
        Check(CurveGenerator.Generate(new XSquaredDatasetSpec { Samples = 500, Seed = 1 }), -1, 1, x => x * x);
        Check(CurveGenerator.Generate(new ReciprocalDatasetSpec { Samples = 500, Seed = 1 }), 1, 100, x => 1 / x);
        Check(CurveGenerator.Generate(new SineDatasetSpec { Samples = 500, Seed = 1 }), 1, 2 * Math.PI, Math.Sin);

        static void Check(InMemoryDataset data, double low, double high, Func<double, double> f)
        {
            for (int i = 0; i < data.Rows; i++)
            {
                Assert.InRange(data.Features[i], low, high);
                Assert.Equal(f(data.Features[i]), data.Targets[i], 1e-5);
            }
            Assert.True(data.Features.Min() < low + (high - low) * 0.05 && data.Features.Max() > high - (high - low) * 0.05, "x covers the interval");
        }
    }

    [Fact]
    public void CurveNoise_HasTheRequestedStandardDeviation()
    {
        var data = CurveGenerator.Generate(new SineDatasetSpec { Samples = 5000, Noise = 0.1, Seed = 9 });
        var residuals = Enumerable.Range(0, data.Rows).Select(i => data.Targets[i] - Math.Sin(data.Features[i])).ToList();
        double mean = residuals.Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(Math.Sqrt(residuals.Sum(r => (r - mean) * (r - mean)) / residuals.Count), 0.095, 0.105);
    }

    static string Hash(InMemoryDataset data)
    {
        var bytes = new byte[(data.Features.Length + data.Targets.Length) * sizeof(float)];
        Buffer.BlockCopy(data.Features, 0, bytes, 0, data.Features.Length * sizeof(float));
        Buffer.BlockCopy(data.Targets, 0, bytes, data.Features.Length * sizeof(float), data.Targets.Length * sizeof(float));
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    static DatasetSpec WithSeed(DatasetSpec spec, long seed) => spec switch
    {
        XorDatasetSpec s => s with { Seed = seed },
        CirclesDatasetSpec s => s with { Seed = seed },
        SpiralDatasetSpec s => s with { Seed = seed },
        MoonsDatasetSpec s => s with { Seed = seed },
        GaussiansDatasetSpec s => s with { Seed = seed },
        XSquaredDatasetSpec s => s with { Seed = seed },
        ReciprocalDatasetSpec s => s with { Seed = seed },
        SineDatasetSpec s => s with { Seed = seed },
        _ => throw new ArgumentException(spec.GetType().Name),
    };
}
