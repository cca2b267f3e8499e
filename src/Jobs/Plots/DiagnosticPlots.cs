using ScottPlot;
using TrainService.Contracts.Responses;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Plots;

/// <summary>The gradient-flow heatmap (layer × epoch) and the activation statistics per layer.</summary>
public static class DiagnosticPlots
{
    /// <summary>log₁₀ of each parameterised layer's gradient norm, averaged over the epoch's sampled steps; first layer at the top.</summary>
    public static Plot GradientFlow(string title, DiagnosticsResponse diagnostics)
    {
        var series = diagnostics.Series.Where(s => s.Metric == DiagnosticMetrics.GradNorm).ToList();
        var epochs = series.SelectMany(s => s.Points).Select(p => p.Epoch).Distinct().Order().ToArray();
        var cells = new double[series.Count, epochs.Length];
        for (int row = 0; row < series.Count; row++)
            for (int col = 0; col < epochs.Length; col++)
            {
                var values = series[row].Points.Where(p => p.Epoch == epochs[col] && p.Value > 0).Select(p => Math.Log10(p.Value)).ToList();
                cells[row, col] = values.Count == 0 ? double.NaN : values.Average();
            }
        var plot = new Plot();
        if (series.Count > 0)
        {
            var heatmap = plot.Add.Heatmap(cells);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap).Label = "log10 gradient L2 norm";
            // Cell (row, col) is centred on (col, rows − 1 − row): label rows with layer names, columns with epochs.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, series.Count).Select(r => (double)(series.Count - 1 - r)).ToArray(), series.Select(s => s.Layer).ToArray());
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, epochs.Length).Select(c => (double)c).ToArray(), epochs.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("layer");
        return plot;
    }

    /// <summary>Activation mean and variance (and dead/saturated fractions) after each layer, at the first and the last sampled step.</summary>
    public static Plot Activations(string title, DiagnosticsResponse diagnostics)
    {
        var plot = new Plot();
        var steps = diagnostics.Series.SelectMany(s => s.Points).Select(p => p.Step).Distinct().Order().ToList();
        foreach (var (step, when) in steps.Count == 0 ? [] : new[] { (steps[0], "first"), (steps[^1], "last") }.Distinct())
            foreach (var metric in new[] { DiagnosticMetrics.ActivationMean, DiagnosticMetrics.ActivationVariance, DiagnosticMetrics.DeadFraction, DiagnosticMetrics.NegativeFraction, DiagnosticMetrics.SaturatedFraction })
            {
                var points = diagnostics.Series.Where(s => s.Metric == metric)
                    .Select(s => (Index: diagnostics.Layers.ToList().IndexOf(s.Layer), Point: s.Points.FirstOrDefault(p => p.Step == step)))
                    .Where(x => x.Point is not null).ToList();
                if (points.Count == 0) continue;
                var line = plot.Add.Scatter(points.Select(p => (double)p.Index).ToArray(), points.Select(p => p.Point!.Value).ToArray());
                line.LegendText = $"{metric} ({when} sample, step {step})";
            }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, diagnostics.Layers.Count).Select(i => (double)i).ToArray(), diagnostics.Layers.ToArray());
        plot.Title(title);
        plot.XLabel("layer (output of)");
        plot.ShowLegend();
        return plot;
    }
}
