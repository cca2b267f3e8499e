using TrainService.Models.Diagnostics;

namespace TrainService.Tests.Unit.Diagnostics;

/// <summary>
/// The host path counts dead units a vector of inputs at a time: the count must be the one the
/// scalar rule gives unit by unit, whatever the row width (whole vectors, a remainder, or only a
/// remainder), at the range's edges, at infinities and NaN.
/// </summary>
public sealed class ZeroGradientRangeTests
{
    static readonly ZeroGradientRange[] Ranges =
    [
        new(0, LowIncluded: true),                                  // relu
        new(0, LowIncluded: false),                                 // a leaky unit's negative regime
        new(-3, LowIncluded: true, 3, HighIncluded: true),          // hard sigmoid
        new(-1, LowIncluded: false, 1, HighIncluded: false),        // hard tanh
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(128)]
    [InlineData(2050)]
    public void VectorisedCount_IsTheScalarRulesCount(int units)
    {
        var random = new Random(units);
        // Values a unit keeps over the batch lie mostly at or beyond an edge, so every range finds dead units and live ones.
        float[] edges = [0, -1, 1, -3, 3, -9, 9, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f, -0.5f];
        foreach (int rows in new[] { 1, 5 })
        {
            var x = new float[rows * units];
            for (int u = 0; u < units; u++)
            {
                // Each unit draws from a small pool, so the same value (an edge) often repeats down its column.
                var pool = Enumerable.Range(0, 2).Select(_ => edges[random.Next(edges.Length)]).ToArray();
                for (int row = 0; row < rows; row++) x[row * units + u] = pool[random.Next(pool.Length)];
            }
            foreach (var range in Ranges)
            {
                int expected = Enumerable.Range(0, units).Count(u => Enumerable.Range(0, rows).All(row => range.Holds(x[row * units + u])));
                Assert.Equal(expected, range.UnitsWhereAlways(x, units));
                if (units >= 37) Assert.InRange(expected, 1, units - 1);
            }
        }
    }

    [Fact]
    public void Edges_AndNaN_FollowLibtorchsComparisons()
    {
        var relu = new ZeroGradientRange(0, LowIncluded: true);
        var hardTanh = new ZeroGradientRange(-1, LowIncluded: false, 1, HighIncluded: false);
        Assert.True(relu.Holds(0));
        Assert.True(relu.Holds(float.NegativeInfinity));
        Assert.False(relu.Holds(float.Epsilon));
        Assert.False(relu.Holds(float.PositiveInfinity));
        Assert.False(relu.Holds(float.NaN));
        Assert.False(hardTanh.Holds(-1));
        Assert.False(hardTanh.Holds(1));
        Assert.True(hardTanh.Holds(1.0000001f));
        Assert.False(hardTanh.Holds(float.NaN));
    }
}
