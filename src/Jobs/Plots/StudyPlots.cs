using ScottPlot;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Studies;

namespace TrainService.Jobs.Plots;

/// <summary>The plot kinds of a study.</summary>
public static class StudyPlotKinds
{
    public const string Curves = "curves", Bars = "bars";
    public static readonly string[] All = [Curves, Bars];
}

/// <summary>
/// A study's two pictures: each arm's mean objective by epoch with its 95% band (Student t over
/// seeds), and the final objective per arm as bars with 95% error bars, best arm first.
/// One colour per arm in both, so the two read together.
/// </summary>
public static class StudyPlots
{
    static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Translucent enough that overlapping bands stay readable, opaque enough to see on white.</summary>
    const double BandAlpha = 0.22;

    public static Color ArmColor(int arm) => Palette.GetColor(arm);

    public static Figure Curves(string title, string metric, IReadOnlyList<StudyCurve> curves)
    {
        var plot = new Plot();
        foreach (var curve in curves.Where(c => c.Points.Count > 0))
        {
            var color = ArmColor(curve.Arm);
            var banded = curve.Points.Where(p => p.Low is not null).ToList();
            if (banded.Count > 0)
            {
                var band = plot.Add.FillY(banded.Select(p => (double)p.Epoch).ToArray(), banded.Select(p => p.Low!.Value).ToArray(), banded.Select(p => p.High!.Value).ToArray());
                band.FillColor = color.WithAlpha(BandAlpha);
                band.LineWidth = 0;
            }
            var line = plot.Add.ScatterLine(curve.Points.Select(p => (double)p.Epoch).ToArray(), curve.Points.Select(p => p.Mean).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = curve.Label;
        }
        plot.Title($"{title}: mean {metric} by epoch, 95% band over seeds");
        plot.XLabel("epoch");
        plot.YLabel(metric);
        Legend(plot);
        return Figure.Of(plot);
    }

    /// <param name="arms">The study's arms table, best first; arms without a result are left out.</param>
    public static Figure Bars(string title, string metric, IReadOnlyList<StudyArmResult> arms)
    {
        var plot = new Plot();
        var shown = arms.Where(a => a.Mean is not null).ToList();
        for (int i = 0; i < shown.Count; i++)
        {
            var arm = shown[i];
            var bar = new Bar
            {
                Position = i,
                Value = arm.Mean!.Value,
                // The interval is symmetric about the mean (mean ± t·s/√n), so one half-width draws it.
                Error = arm.CiHigh is { } high ? high - arm.Mean.Value : 0,
                ErrorSize = 0.25,
                FillColor = ArmColor(arm.Arm),
                // ScottPlot draws the error bar with the bar's outline pen.
                LineColor = Colors.Black,
                LineWidth = 1.5f,
            };
            plot.Add.Bar(bar);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"#{i + 1} {arm.Label}", FillColor = ArmColor(arm.Arm) });
        }
        // Ranks under the bars and the arms' labels in the legend: labels are too long to sit side by side under bars.
        TickLabels.Categories(plot.Axes.Bottom, Enumerable.Range(0, shown.Count).Select(i => (double)i).ToList(),
            shown.Select((_, i) => $"#{i + 1}").ToList(), maxLabels: 40);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.XLabel("arm, by rank");
        plot.HideGrid();
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{title}: final {metric} per arm, mean ± 95% CI");
        plot.YLabel($"final {metric}");
        Legend(plot);
        return Figure.Of(plot);
    }

    static void Legend(Plot plot)
    {
        // Below the data: arm labels are long ("optimizer=adam(lr=0.05)"), and a legend on the right would squeeze the curves.
        plot.ShowLegend(Edge.Bottom);
    }
}
