using ScottPlot;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Plots;

/// <summary>Loss and accuracy per epoch, train and validation. Legends sit right of the data area, never on a curve.</summary>
public static class CurvePlots
{
    /// <param name="lossKind">The spec's loss (<c>bce</c>, <c>mse</c>…), named on the axis because loss values mean nothing without it.</param>
    public static Figure Loss(string title, string lossKind, IReadOnlyList<EpochMetrics> epochs) =>
        Curves($"{title}: loss by epoch", $"loss ({lossKind})", epochs, e => e.TrainLoss, e => e.ValLoss);

    public static Figure Accuracy(string title, IReadOnlyList<EpochMetrics> epochs) =>
        Curves($"{title}: accuracy by epoch", "accuracy (fraction correct)", epochs, e => e.TrainAccuracy, e => e.ValAccuracy);

    static Figure Curves(string title, string quantity, IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, double?> train, Func<EpochMetrics, double?> validation)
    {
        var plot = new Plot();
        AddLine(plot, epochs, train, "train");
        AddLine(plot, epochs, validation, "validation");
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(quantity);
        plot.ShowLegend(Edge.Right);
        return Figure.Of(plot);
    }

    static void AddLine(Plot plot, IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, double?> value, string label)
    {
        var points = epochs.Where(e => value(e) is { } v && double.IsFinite(v)).ToList();
        if (points.Count == 0) return;
        var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(e => value(e)!.Value).ToArray());
        line.LegendText = label;
    }
}
