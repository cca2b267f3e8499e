using ScottPlot;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Plots;

/// <summary>Loss and accuracy per epoch, train and validation.</summary>
public static class CurvePlots
{
    public static Plot Loss(string title, IReadOnlyList<EpochMetrics> epochs) =>
        Curves(title, "loss", epochs, e => e.TrainLoss, e => e.ValLoss);

    public static Plot Accuracy(string title, IReadOnlyList<EpochMetrics> epochs) =>
        Curves(title, "accuracy", epochs, e => e.TrainAccuracy, e => e.ValAccuracy);

    static Plot Curves(string title, string quantity, IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, double?> train, Func<EpochMetrics, double?> validation)
    {
        var plot = new Plot();
        AddLine(plot, epochs, train, $"train {quantity}");
        AddLine(plot, epochs, validation, $"validation {quantity}");
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(quantity);
        plot.ShowLegend();
        return plot;
    }

    static void AddLine(Plot plot, IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, double?> value, string label)
    {
        var points = epochs.Where(e => value(e) is { } v && double.IsFinite(v)).ToList();
        if (points.Count == 0) return;
        var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(e => value(e)!.Value).ToArray());
        line.LegendText = label;
    }
}
