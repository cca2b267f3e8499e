using System.Globalization;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;

namespace TrainService.Jobs.Suites;

/// <summary>
/// Marks an arm against the same arm of the baseline run. Quality: the mean is worse than the
/// baseline's 95% confidence interval reaches (above its upper end when lower is better), so seed
/// noise the baseline itself showed is not a regression. Speed: samples/s more than 10% below the
/// baseline's. An arm without figures on either side is not marked.
/// </summary>
public static class SuiteRegressions
{
    public const double SpeedDropLimit = 0.10;

    public static SuiteArmResult Mark(SuiteArmResult arm, SuiteArmResult? baseline, ObjectiveMode mode)
    {
        if (baseline is null) return arm;
        bool quality = arm.Mean is { } mean && baseline.CiLow is { } low && baseline.CiHigh is { } high
            && (mode == ObjectiveMode.Min ? mean > high : mean < low);
        bool speed = arm.SamplesPerSecond is { } now && baseline.SamplesPerSecond is { } before
            && now < (1 - SpeedDropLimit) * before;
        return arm with
        {
            Baseline = new SuiteArmBaseline(baseline.Mean, baseline.CiLow, baseline.CiHigh, baseline.SamplesPerSecond),
            QualityRegression = quality,
            SpeedRegression = speed,
        };
    }

    public static IEnumerable<SuiteRegression> Describe(string part, SuiteArmResult arm, StudyObjective objective)
    {
        if (arm.QualityRegression)
            yield return new SuiteRegression(part, arm.Label, "quality",
                $"mean {objective.Metric} {F(arm.Mean)} is outside the baseline's 95% CI [{F(arm.Baseline!.CiLow)}, {F(arm.Baseline.CiHigh)}] on the worse side");
        if (arm.SpeedRegression)
            yield return new SuiteRegression(part, arm.Label, "speed",
                $"{F(arm.SamplesPerSecond)} samples/s is {F(100 * (1 - arm.SamplesPerSecond!.Value / arm.Baseline!.SamplesPerSecond!.Value))}% below the baseline's {F(arm.Baseline.SamplesPerSecond)}");
    }

    static string F(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "–";
}
