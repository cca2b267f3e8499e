using ScottPlot;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Plots;

/// <summary>An activation and its derivative; several runs' metric overlaid.</summary>
public static class FunctionPlots
{
    public static Plot Activation(string name, ActivationCurveData curve)
    {
        var plot = new Plot();
        plot.Add.Scatter(curve.X, curve.Y).LegendText = $"{name}(z)";
        plot.Add.Scatter(curve.X, curve.Derivative).LegendText = $"{name}'(z)";
        plot.Title($"{name} and its derivative");
        plot.XLabel("z");
        plot.ShowLegend();
        return plot;
    }

    public static Plot Overlay(string metric, IReadOnlyList<(string Label, double[] Epochs, double[] Values)> runs)
    {
        var plot = new Plot();
        foreach (var (label, epochs, values) in runs.Where(r => r.Epochs.Length > 0))
            plot.Add.Scatter(epochs, values).LegendText = label;
        plot.Title($"{metric} by epoch");
        plot.XLabel("epoch");
        plot.YLabel(metric);
        plot.ShowLegend();
        return plot;
    }
}
