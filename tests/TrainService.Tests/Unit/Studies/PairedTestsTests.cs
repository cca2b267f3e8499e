using TrainService.Jobs.Studies;

namespace TrainService.Tests.Unit.Studies;

/// <summary>Summary statistics and the paired tests against values worked out by hand or published.</summary>
public sealed class PairedTestsTests
{
    static double[] Zeros(int n) => new double[n];

    [Fact]
    public void StdAndInterval_MatchHandComputation()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        // Σ(x − 5)² = 32, so s = √(32/7); half-width = t(0.975, 7) · s / √8 with t = 2.3646243.
        Assert.Equal(Math.Sqrt(32.0 / 7), PairedTests.Std(x)!.Value, 12);
        var (low, high) = PairedTests.ConfidenceInterval95(x)!.Value;
        double half = 2.3646243 * Math.Sqrt(32.0 / 7) / Math.Sqrt(8);
        Assert.Equal(5 - half, low, 6);
        Assert.Equal(5 + half, high, 6);
        Assert.Null(PairedTests.Std([3.0]));
        Assert.Null(PairedTests.ConfidenceInterval95([3.0]));
    }

    [Fact]
    public void PairedT_StudentsSleepData_MatchesPublishedP()
    {
        // Cushny & Peebles via Student (1908): extra sleep, drug 2 − drug 1. R: t = 4.0621, df = 9, p = 0.002833.
        double[] d = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];
        Assert.Equal(0.002833, PairedTests.PairedTP(d, Zeros(10))!.Value, 6);
    }

    [Fact]
    public void PairedT_SmallSamples_MatchClosedForms()
    {
        // d = [1, 2, 3]: t = 2 / (1/√3) = √12 on 2 df, p = 1 − t/√(2 + t²) = 1 − √12/√14.
        Assert.Equal(1 - Math.Sqrt(12.0 / 14), PairedTests.PairedTP([2.0, 4, 6], [1.0, 2, 3])!.Value, 9);
        // d = [1, 3]: t = 2 on 1 df, p = 1 − 2·atan(2)/π.
        Assert.Equal(1 - 2 * Math.Atan(2) / Math.PI, PairedTests.PairedTP([1.0, 3], [0.0, 0])!.Value, 9);
        Assert.Equal(1, PairedTests.PairedTP([1.0, 2], [1.0, 2]));
        Assert.Equal(0, PairedTests.PairedTP([2.0, 3], [1.0, 2]));
        Assert.Null(PairedTests.PairedTP([1.0], [0.0]));
    }

    [Theory]
    // All n differences positive: only the empty set has W− = 0, so p = 2 / 2ⁿ.
    [InlineData(new[] { 0.5, 1, 2, 3, 4 }, 2.0 / 32)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5, 6 }, 2.0 / 64)]
    // W− = 2; subsets of {1..5} summing to ≤ 2: {}, {1}, {2}: p = 2 · 3/32.
    [InlineData(new[] { 1.0, -2, 3, 4, 5 }, 6.0 / 32)]
    // Ties: ranks 1.5, 1.5, 3, 4 and W− = 3; subsets with sum ≤ 3: {}, {1.5}, {1.5}, {1.5, 1.5}, {3}: p = 2 · 5/16.
    [InlineData(new[] { 1.0, 1, -2, 3 }, 10.0 / 16)]
    // The zero is dropped: two positive differences, p = 2 · 1/4.
    [InlineData(new[] { 0.0, 1, 2 }, 0.5)]
    // Sleep data without its zero: nine positive differences, p = 2/512.
    [InlineData(new[] { 1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4 }, 2.0 / 512)]
    public void Wilcoxon_MatchesExactCounts(double[] d, double expected)
    {
        Assert.Equal(expected, PairedTests.WilcoxonP(d, Zeros(d.Length))!.Value, 12);
        // Swapping the arms mirrors the statistic; a two-sided p does not change.
        Assert.Equal(expected, PairedTests.WilcoxonP(Zeros(d.Length), d)!.Value, 12);
    }

    [Fact]
    public void Wilcoxon_NoNonZeroDifference_IsNull() =>
        Assert.Null(PairedTests.WilcoxonP([1.0, 2], [1.0, 2]));
}
