using ScottPlot;
using TrainService.Contracts.Responses;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Plots;

/// <summary>
/// Activation statistics after each module at the first and the last sampled step, in three panels
/// that share the layer axis: mean, variance, and the fractions (saturated, dead, and any other
/// <c>…Fraction</c> metric) on a fixed 0–1 scale. One scale per quantity: a variance of 30 would
/// otherwise flatten every mean and fraction to a line at zero.
/// </summary>
public static class ActivationStatsPlot
{
    public const int Width = 1000, Height = 1000;

    /// <summary>Space kept on the right of every panel for its legend, so the data areas line up.</summary>
    public const int LegendWidth = 230;

    static readonly Color First = Colors.C0, Last = Colors.C1;

    public static Figure Draw(string title, DiagnosticsResponse diagnostics)
    {
        var steps = diagnostics.Series.SelectMany(s => s.Points).Select(p => p.Step).Distinct().Order().ToList();
        var samples = steps.Count == 0 ? [] : new[] { (Step: steps[0], When: "first", Color: First), (Step: steps[^1], When: "last", Color: Last) }.DistinctBy(s => s.Step).ToArray();
        var layerIndex = diagnostics.Layers.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var fractions = diagnostics.Series.Select(s => s.Metric).Where(m => m.EndsWith("Fraction", StringComparison.Ordinal)).Distinct().Order().ToList();

        var mean = Panel(title + ": activation statistics", "mean");
        var variance = Panel(null, "variance");
        var fraction = Panel(null, "fraction of units");
        fraction.Axes.Left.Label.Text = $"fraction of units ({string.Join(", ", fractions.Select(f => f[..^"Fraction".Length]))})";
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledTriangleUp, MarkerShape.FilledSquare, MarkerShape.FilledDiamond];
        foreach (var sample in samples)
        {
            Add(mean, DiagnosticMetrics.ActivationMean, sample, MarkerShape.FilledCircle, "sample: ");
            Add(variance, DiagnosticMetrics.ActivationVariance, sample, MarkerShape.FilledCircle, "sample: ");
            for (int f = 0; f < fractions.Count; f++) Add(fraction, fractions[f], sample, shapes[f % shapes.Length], fractions[f][..^"Fraction".Length] + ": ");
        }
        fraction.Axes.SetLimitsY(-0.05, 1.05);

        var panels = new[] { mean, variance, fraction };
        var positions = Enumerable.Range(0, diagnostics.Layers.Count).Select(i => (double)i).ToArray();
        foreach (var panel in panels)
        {
            panel.Axes.SetLimitsX(-0.5, Math.Max(0.5, diagnostics.Layers.Count - 0.5));
            panel.ShowLegend(Edge.Right);
        }
        // Only the bottom panel names the layers (upright, thinned beyond 45); the others share its axis.
        foreach (var panel in panels[..^1]) TickLabels.Categories(panel.Axes.Bottom, positions, diagnostics.Layers.Select(_ => "").ToArray(), maxLabels: 45);
        TickLabels.Categories(fraction.Axes.Bottom, positions, diagnostics.Layers.ToArray(), maxLabels: 45, vertical: true);
        fraction.XLabel("layer (output of)");

        var figure = new Multiplot(mean); // a new Multiplot() would start with an empty panel of its own
        foreach (var panel in panels[1..]) figure.AddPlot(panel);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        figure.SharedAxes.ShareX(panels);
        AlignDataAreas(panels, bottomOfLast: (int)fraction.Axes.Bottom.MinimumSize + 30);
        return new Figure(figure, Width, Height);

        void Add(Plot panel, string metric, (long Step, string When, Color Color) sample, MarkerShape shape, string prefix)
        {
            var points = diagnostics.Series.Where(s => s.Metric == metric && layerIndex.ContainsKey(s.Layer))
                .Select(s => (Index: layerIndex[s.Layer], Point: s.Points.FirstOrDefault(p => p.Step == sample.Step)))
                .Where(x => x.Point is not null).OrderBy(x => x.Index).ToList();
            if (points.Count == 0) return;
            var line = panel.Add.Scatter(points.Select(p => (double)p.Index).ToArray(), points.Select(p => p.Point!.Value).ToArray());
            line.Color = sample.Color;
            line.MarkerShape = shape;
            line.MarkerSize = 6;
            line.LegendText = $"{prefix}{sample.When} (step {sample.Step})";
        }
    }

    static Plot Panel(string? title, string yLabel)
    {
        var plot = new Plot();
        if (title is not null) plot.Title(title);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Equal left and right padding in every panel, so one layer sits at the same x in all three.</summary>
    static void AlignDataAreas(Plot[] panels, int bottomOfLast)
    {
        for (int i = 0; i < panels.Length; i++)
            panels[i].Layout.Fixed(new PixelPadding(left: 80, right: LegendWidth, bottom: i == panels.Length - 1 ? bottomOfLast : 20, top: i == 0 ? 40 : 12));
    }
}
