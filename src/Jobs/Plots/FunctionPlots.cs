using ScottPlot;
using TrainService.Jobs.Persistence;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Plots;

/// <summary>An activation and its derivative; several runs' metric overlaid. Legends sit right of the data area.</summary>
public static class FunctionPlots
{
    public static Figure Activation(string name, ActivationCurveData curve)
    {
        var plot = new Plot();
        // Hundreds of samples: a line reads better than a string of markers.
        var f = plot.Add.ScatterLine(curve.X, curve.Y);
        f.LegendText = $"{name}(z)";
        f.LineWidth = 2;
        var derivative = plot.Add.ScatterLine(curve.X, curve.Derivative);
        derivative.LegendText = $"{name}′(z)";
        derivative.LineWidth = 2;
        derivative.LinePattern = LinePattern.Dashed;
        plot.Title($"{name} and its derivative");
        plot.XLabel("z (pre-activation)");
        plot.YLabel("value");
        plot.ShowLegend(Edge.Right);
        return Figure.Of(plot);
    }

    /// <param name="runs">One line per job; labels from <see cref="LegendLabels"/>.</param>
    public static Figure Overlay(string metric, IReadOnlyList<(string Label, double[] Epochs, double[] Values)> runs)
    {
        var plot = new Plot();
        foreach (var (label, epochs, values) in runs.Where(r => r.Epochs.Length > 0))
            plot.Add.Scatter(epochs, values).LegendText = label;
        plot.Title($"{metric} by epoch, {runs.Count} jobs");
        plot.XLabel("epoch");
        plot.YLabel(Describe(metric));
        plot.ShowLegend(Edge.Right);
        return Figure.Of(plot);
    }

    static string Describe(string metric) => metric switch
    {
        EpochMetricSeries.TrainLoss => "training loss",
        EpochMetricSeries.ValLoss => "validation loss",
        EpochMetricSeries.TrainAccuracy => "training accuracy (fraction correct)",
        EpochMetricSeries.ValAccuracy => "validation accuracy (fraction correct)",
        EpochMetricSeries.Seconds => "epoch time (s)",
        EpochMetricSeries.LearningRate => "learning rate",
        _ => metric,
    };
}
