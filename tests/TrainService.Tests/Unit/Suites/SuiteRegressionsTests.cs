using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Suites;

namespace TrainService.Tests.Unit.Suites;

public sealed class SuiteRegressionsTests
{
    static SuiteArmResult Arm(double mean, double ciLow, double ciHigh, double samplesPerSecond) =>
        new("a", 1, 3, 0, mean, ciLow, ciHigh, 0.1, samplesPerSecond, new Dictionary<string, double>(), null, false, false);

    [Theory]
    [InlineData(ObjectiveMode.Min, 0.59, false)]   // inside the baseline's CI [0.4, 0.6]
    [InlineData(ObjectiveMode.Min, 0.61, true)]    // above it: worse when lower is better
    [InlineData(ObjectiveMode.Min, 0.30, false)]   // better is never a regression
    [InlineData(ObjectiveMode.Max, 0.39, true)]
    [InlineData(ObjectiveMode.Max, 0.70, false)]
    public void Quality_IsMarked_OnlyOutsideTheBaselineCi_OnTheWorseSide(ObjectiveMode mode, double mean, bool marked)
    {
        var result = SuiteRegressions.Mark(Arm(mean, mean - 0.01, mean + 0.01, 1000), Arm(0.5, 0.4, 0.6, 1000), mode);
        Assert.Equal(marked, result.QualityRegression);
        Assert.False(result.SpeedRegression);
        Assert.Equal(0.5, result.Baseline!.Mean);
    }

    [Theory]
    [InlineData(901, false)]
    [InlineData(899, true)]
    [InlineData(2000, false)]
    public void Speed_IsMarked_BelowNinetyPercentOfTheBaseline(double samplesPerSecond, bool marked)
    {
        var result = SuiteRegressions.Mark(Arm(0.5, 0.4, 0.6, samplesPerSecond), Arm(0.5, 0.4, 0.6, 1000), ObjectiveMode.Min);
        Assert.Equal(marked, result.SpeedRegression);
        Assert.Equal(marked, SuiteRegressions.Describe("p", result, new StudyObjective { Metric = "valLoss", Mode = ObjectiveMode.Min }).Any(r => r.Kind == "speed"));
    }

    [Fact]
    public void NoBaseline_OrNoInterval_MarksNothing()
    {
        var alone = SuiteRegressions.Mark(Arm(9, 8, 10, 1), null, ObjectiveMode.Min);
        Assert.Equal((false, false, null), (alone.QualityRegression, alone.SpeedRegression, alone.Baseline));
        var oneSeed = Arm(0.5, 0.4, 0.6, 1000) with { CiLow = null, CiHigh = null };
        Assert.False(SuiteRegressions.Mark(Arm(9, 8, 10, 1000), oneSeed, ObjectiveMode.Min).QualityRegression);
    }
}
