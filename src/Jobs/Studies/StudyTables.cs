using System.Globalization;
using System.Text;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Studies;

/// <summary>The arms table of a study as CSV (every number in full) or Markdown (rounded for reading).</summary>
public static class StudyTables
{
    static readonly string[] Columns = ["rank", "arm", "label", "n", "mean", "std", "ci95Low", "ci95High", "min", "max", "secondsPerEpoch", "pairs", "meanDiffVsBest", "pairedTP", "wilcoxonP"];

    public static string Csv(StudyResponse study)
    {
        var text = new StringBuilder().AppendLine(string.Join(',', Columns));
        foreach (var arm in study.Arms)
            text.AppendLine(string.Join(',', Cells(arm, v => v?.ToString("R", CultureInfo.InvariantCulture) ?? "").Select(Quote)));
        return text.ToString();
    }

    public static string Markdown(StudyResponse study)
    {
        string[] headers = ["rank", "arm", "n", $"mean {study.Objective.Metric}", "std", "95% CI", "min", "max", "s/epoch", "Δ vs best", "paired t p", "Wilcoxon p"];
        var text = new StringBuilder()
            .AppendLine("| " + string.Join(" | ", headers) + " |")
            .AppendLine("|" + string.Concat(headers.Select(h => h == "arm" ? "---|" : "---:|")));
        foreach (var arm in study.Arms)
        {
            string[] cells =
            [
                arm.Rank?.ToString(CultureInfo.InvariantCulture) ?? "–", arm.Label.Replace("|", "\\|"), arm.N.ToString(CultureInfo.InvariantCulture),
                Round(arm.Mean), Round(arm.Std), arm.CiLow is null ? "–" : $"[{Round(arm.CiLow)}, {Round(arm.CiHigh)}]",
                Round(arm.Min), Round(arm.Max), Round(arm.SecondsPerEpoch, "0.000"),
                arm.VsBest is null ? "–" : Round(arm.VsBest.MeanDifference), P(arm.VsBest?.PairedTP), P(arm.VsBest?.WilcoxonP),
            ];
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        return text.ToString();
    }

    static IEnumerable<string> Cells(StudyArmResult arm, Func<double?, string> number) =>
    [
        arm.Rank?.ToString(CultureInfo.InvariantCulture) ?? "", arm.Arm.ToString(CultureInfo.InvariantCulture), arm.Label, arm.N.ToString(CultureInfo.InvariantCulture),
        number(arm.Mean), number(arm.Std), number(arm.CiLow), number(arm.CiHigh), number(arm.Min), number(arm.Max), number(arm.SecondsPerEpoch),
        arm.VsBest?.Pairs.ToString(CultureInfo.InvariantCulture) ?? "", number(arm.VsBest?.MeanDifference), number(arm.VsBest?.PairedTP), number(arm.VsBest?.WilcoxonP),
    ];

    static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    static string Round(double? value, string format = "0.0000") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    static string P(double? p) => p is null ? "–" : p < 0.0001 ? "<0.0001" : p.Value.ToString("0.0000", CultureInfo.InvariantCulture);
}
