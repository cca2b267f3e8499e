using System.Globalization;
using System.Net;
using System.Text;
using TrainService.Contracts.Responses;
using static TrainService.Jobs.Suites.SuiteReportMarkdown;

namespace TrainService.Jobs.Suites;

/// <summary>
/// A suite run as one self-contained HTML page: the Markdown report's facts and tables, plus per part
/// two inline SVG charts (mean with its 95% CI as an error bar, and samples/s), regressions in red.
/// </summary>
public static class SuiteReportHtml
{
    public static string Render(SuiteRunResponse run, string? title = null)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title ?? run.Suite)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}.reg{color:#b00;font-weight:bold}</style></head><body>")
            .Append("<h1>").Append(E(title ?? run.Suite)).Append("</h1><ul>")
            .Append(Li($"suite {run.Suite} version {run.SuiteVersion}, size {run.Size}, status {Status(run.Status)}, {run.Trigger} at {run.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC, run {run.Id}"))
            .Append(Li($"service {run.ServiceVersion}"))
            .Append(Li($"machine {Machine(run.Machine)}"))
            .Append(Li($"baseline {(run.BaselineRunId?.ToString() ?? "none")}"));
        if (run.Error is not null) html.Append(Li($"error: {run.Error}"));
        html.Append("</ul>");
        foreach (var part in run.Parts)
        {
            html.Append("<h2>").Append(E($"{part.Name}: final-epoch {part.Objective.Metric} ({part.Objective.Mode.ToString().ToLowerInvariant()})")).Append("</h2>");
            var extras = part.Arms.SelectMany(a => a.Extras.Keys).Distinct().ToList();
            html.Append("<table><tr>");
            foreach (var h in new[] { "rank", "arm", "n", "mean", "95% CI", "s/epoch", "samples/s" }.Concat(extras).Concat(["baseline mean", "baseline samples/s", "regression"]))
                html.Append("<th>").Append(E(h)).Append("</th>");
            html.Append("</tr>");
            foreach (var arm in part.Arms)
            {
                html.Append("<tr>");
                foreach (var cell in new[]
                {
                    arm.Rank?.ToString(CultureInfo.InvariantCulture) ?? "–", arm.Label, arm.N + (arm.Failed > 0 ? $" ({arm.Failed} failed)" : ""),
                    F(arm.Mean), Ci(arm.CiLow, arm.CiHigh), F(arm.SecondsPerEpoch, "0.000"), F(arm.SamplesPerSecond, "0"),
                }.Concat(extras.Select(e => arm.Extras.TryGetValue(e, out var v) ? v.ToString("0.00e+0", CultureInfo.InvariantCulture) : "–"))
                 .Concat([F(arm.Baseline?.Mean), F(arm.Baseline?.SamplesPerSecond, "0")]))
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                string marks = Marks(arm).Replace("*", "");
                html.Append(arm.QualityRegression || arm.SpeedRegression ? "<td class=\"reg\">" : "<td>").Append(E(marks)).Append("</td></tr>");
            }
            html.Append("</table>")
                .Append(Bars(part.Arms, a => a.Mean, a => a.CiLow, a => a.CiHigh, a => a.QualityRegression, $"mean {part.Objective.Metric} ± 95% CI"))
                .Append(Bars(part.Arms, a => a.SamplesPerSecond, _ => null, _ => null, a => a.SpeedRegression, "samples/s"))
                // The study's own plots (GET /api/studies/{id}/plots/{kind}), when the page is served by the service.
                .Append(CultureInfo.InvariantCulture, $"<figure><img alt=\"curves\" src=\"/api/studies/{part.StudyId}/plots/curves\"><img alt=\"bars\" src=\"/api/studies/{part.StudyId}/plots/bars\"><figcaption>the study's plots: mean {E(part.Objective.Metric)} by epoch with its 95% band; final value per arm with its 95% CI</figcaption></figure>");
        }
        html.Append("<h2>Regressions</h2><ul>");
        if (run.Regressions.Count == 0) html.Append(Li(run.BaselineRunId is null ? "none marked: no baseline" : "none"));
        foreach (var r in run.Regressions) html.Append("<li class=\"reg\">").Append(E($"{r.Kind} — {r.Part} / {r.Arm}: {r.Message}")).Append("</li>");
        return html.Append("</ul></body></html>").ToString();
    }

    /// <summary>Horizontal bars from 0, one per arm, with an error bar when the interval is known.</summary>
    static string Bars(IReadOnlyList<SuiteArmResult> arms, Func<SuiteArmResult, double?> value, Func<SuiteArmResult, double?> low,
        Func<SuiteArmResult, double?> high, Func<SuiteArmResult, bool> marked, string caption)
    {
        var shown = arms.Where(a => value(a) is { } v && double.IsFinite(v)).ToList();
        if (shown.Count == 0) return "";
        double top = shown.Max(a => Math.Max(Math.Abs(value(a)!.Value), Math.Abs(high(a) ?? 0)));
        if (top <= 0) top = 1;
        const int left = 330, width = 400, row = 20;
        var svg = new StringBuilder($"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + width + 80}\" height=\"{shown.Count * row + 10}\" font-size=\"11\">");
        for (int i = 0; i < shown.Count; i++)
        {
            var arm = shown[i];
            double Scale(double v) => left + width * Math.Max(0, v) / top;
            int y = i * row + 5;
            string label = arm.Label.Length > 55 ? arm.Label[..54] + "…" : arm.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 5}\" y=\"{y + 13}\" text-anchor=\"end\">{E(label)}</text>")
               .Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{Scale(value(arm)!.Value) - left:0.0}\" height=\"{row - 6}\" fill=\"{(marked(arm) ? "#d33" : "#4a7fb5")}\"/>");
            if (low(arm) is { } lo && high(arm) is { } hi)
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Scale(lo):0.0}\" x2=\"{Scale(hi):0.0}\" y1=\"{y + row / 2}\" y2=\"{y + row / 2}\" stroke=\"#000\"/>")
                   .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Scale(lo):0.0}\" x2=\"{Scale(lo):0.0}\" y1=\"{y + 5}\" y2=\"{y + row - 5}\" stroke=\"#000\"/>")
                   .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Scale(hi):0.0}\" x2=\"{Scale(hi):0.0}\" y1=\"{y + 5}\" y2=\"{y + row - 5}\" stroke=\"#000\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Scale(high(arm) ?? value(arm)!.Value) + 4:0.0}\" y=\"{y + 13}\">{F(value(arm), "0.####")}</text>");
        }
        return svg.Append("</svg><figcaption>").Append(E(caption)).Append("</figcaption></figure>").ToString();
    }

    static string Li(string text) => "<li>" + E(text) + "</li>";

    static string E(string text) => WebUtility.HtmlEncode(text);
}
