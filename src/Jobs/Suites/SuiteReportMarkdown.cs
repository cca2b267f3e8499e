using System.Globalization;
using System.Text;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Suites;

/// <summary>A suite run as Markdown: what ran where, then one table per part with every arm's mean, 95% CI, speed and marks.</summary>
public static class SuiteReportMarkdown
{
    public static string Render(SuiteRunResponse run, string? title = null)
    {
        var text = new StringBuilder()
            .AppendLine($"# {title ?? run.Suite} — suite run {run.Id}")
            .AppendLine()
            .AppendLine($"- suite `{run.Suite}` version {run.SuiteVersion}, size `{run.Size}`, status **{Status(run.Status)}**, {run.Trigger} at {run.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC")
            .AppendLine($"- service {(run.ServiceVersion.Length == 0 ? "–" : run.ServiceVersion)}")
            .AppendLine($"- machine {Machine(run.Machine)}")
            .AppendLine($"- baseline {(run.BaselineRunId is { } b ? b.ToString() : "none (no earlier finished run of this suite, version and size on this machine)")}");
        if (run.Error is not null) text.AppendLine($"- error: {run.Error}");
        foreach (var part in run.Parts)
        {
            text.AppendLine().AppendLine($"## {part.Name}: final-epoch {part.Objective.Metric} ({(part.Objective.Mode == Contracts.Specs.Studies.ObjectiveMode.Min ? "lower" : "higher")} is better)").AppendLine();
            var extras = part.Arms.SelectMany(a => a.Extras.Keys).Distinct().ToList();
            string[] headers = ["rank", "arm", "n", $"mean {part.Objective.Metric}", "95% CI", "s/epoch", "samples/s", .. extras, "baseline mean", "baseline samples/s", "regression"];
            text.AppendLine("| " + string.Join(" | ", headers) + " |")
                .AppendLine("|" + string.Concat(headers.Select(h => h is "arm" or "regression" ? "---|" : "---:|")));
            foreach (var arm in part.Arms)
            {
                string[] cells =
                [
                    arm.Rank?.ToString(CultureInfo.InvariantCulture) ?? "–", arm.Label.Replace("|", "\\|"),
                    arm.N.ToString(CultureInfo.InvariantCulture) + (arm.Failed > 0 ? $" ({arm.Failed} failed)" : ""),
                    F(arm.Mean), Ci(arm.CiLow, arm.CiHigh), F(arm.SecondsPerEpoch, "0.000"), F(arm.SamplesPerSecond, "0"),
                    .. extras.Select(e => arm.Extras.TryGetValue(e, out var v) ? v.ToString("0.00e+0", CultureInfo.InvariantCulture) : "–"),
                    F(arm.Baseline?.Mean), F(arm.Baseline?.SamplesPerSecond, "0"), Marks(arm),
                ];
                text.AppendLine("| " + string.Join(" | ", cells) + " |");
            }
        }
        text.AppendLine().AppendLine("## Regressions").AppendLine();
        if (run.Regressions.Count == 0) text.AppendLine(run.BaselineRunId is null ? "None marked: there is no baseline to compare with." : "None.");
        foreach (var r in run.Regressions) text.AppendLine($"- **{r.Kind}** — {r.Part} / {r.Arm}: {r.Message}");
        return text.ToString();
    }

    public static string Marks(SuiteArmResult arm) =>
        (arm.QualityRegression, arm.SpeedRegression) switch
        {
            (true, true) => "**quality, speed**",
            (true, false) => "**quality**",
            (false, true) => "**speed**",
            _ => arm.Baseline is null ? "–" : "no",
        };

    public static string Machine(SuiteMachine? m) => m is null ? "– (not started)" : $"{m.Host}, {m.Cores} cores, {m.TorchThreads} torch threads × {m.TrainingWorkers} workers, {m.Os}, load average {F(m.LoadAverage, "0.0")} at submission";

    public static string Status(Contracts.Responses.JobStatus status) => status.ToString().ToLowerInvariant();

    public static string Ci(double? low, double? high) => low is null ? "–" : $"[{F(low)}, {F(high)}]";

    public static string F(double? value, string format = "0.0000") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
