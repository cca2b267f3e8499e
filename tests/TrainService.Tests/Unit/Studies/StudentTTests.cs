using TrainService.Jobs.Studies;

namespace TrainService.Tests.Unit.Studies;

/// <summary>The t distribution against printed tables and its closed forms for 1 and 2 degrees of freedom.</summary>
public sealed class StudentTTests
{
    [Theory]
    // Critical values as in any t table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), to R's qt() precision.
    [InlineData(0.975, 1, 12.7062047362)]
    [InlineData(0.975, 2, 4.3026527297)]
    [InlineData(0.975, 3, 3.1824463053)]
    [InlineData(0.975, 4, 2.7764451052)]
    [InlineData(0.975, 5, 2.5705818366)]
    [InlineData(0.975, 10, 2.2281388520)]
    [InlineData(0.975, 30, 2.0422724563)]
    [InlineData(0.975, 100, 1.9839715185)]
    [InlineData(0.95, 5, 2.0150483733)]
    [InlineData(0.995, 9, 3.2498355416)]
    [InlineData(0.025, 4, -2.7764451052)]
    public void Quantile_MatchesTable(double p, int df, double expected) =>
        Assert.InRange(StudentT.Quantile(p, df) - expected, -1e-8, 1e-8);

    [Theory]
    [InlineData(0.0, 7)]
    [InlineData(1.0, 1)]
    [InlineData(-2.5, 1)]
    [InlineData(2.0, 2)]
    [InlineData(-0.3, 2)]
    public void Cdf_MatchesClosedForms(double t, int df)
    {
        // df = 1 is the Cauchy distribution; df = 2 has F(t) = 1/2 + t / (2√(2 + t²)).
        double expected = df switch
        {
            1 => 0.5 + Math.Atan(t) / Math.PI,
            2 => 0.5 + t / (2 * Math.Sqrt(2 + t * t)),
            _ => 0.5,
        };
        Assert.Equal(expected, StudentT.Cdf(t, df), 10);
    }

    [Fact]
    public void Quantile_InvertsCdf()
    {
        foreach (var df in new[] { 1.0, 3, 8, 50 })
            foreach (var p in new[] { 0.01, 0.2, 0.5, 0.9, 0.999 })
                Assert.Equal(p, StudentT.Cdf(StudentT.Quantile(p, df), df), 9);
    }
}
