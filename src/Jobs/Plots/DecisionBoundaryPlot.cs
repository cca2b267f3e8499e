using ScottPlot;
using TrainService.Contracts.Responses;
using TrainService.Models.Data;

namespace TrainService.Jobs.Plots;

/// <summary>
/// The predicted class over a grid covering a 2-D dataset, with the examples on top. A region and the
/// examples of its class share one colour (region pale, points solid), and the key outside the data
/// area names each class once.
/// </summary>
public static class DecisionBoundaryPlot
{
    const int Cells = 80;
    const double RegionOpacity = 0.3;

    public sealed record GridPoints(double[] Xs, double[] Ys, IReadOnlyList<double[]> Inputs);

    public static GridPoints Grid(InMemoryDataset data)
    {
        double[] Axis(int feature)
        {
            var values = Enumerable.Range(0, data.Rows).Select(r => (double)data.Features[r * 2 + feature]).ToList();
            double min = values.Min(), max = values.Max(), pad = 0.1 * Math.Max(max - min, 1e-6);
            return Enumerable.Range(0, Cells).Select(i => min - pad + (max - min + 2 * pad) * i / (Cells - 1)).ToArray();
        }
        var xs = Axis(0);
        var ys = Axis(1);
        // Row-major from the top row down, as the heatmap draws it.
        var inputs = Enumerable.Range(0, Cells).SelectMany(row => xs.Select(x => new[] { x, ys[Cells - 1 - row] })).ToList();
        return new GridPoints(xs, ys, inputs);
    }

    public static Figure Draw(string title, InMemoryDataset data, GridPoints grid, PredictResponse predicted)
    {
        var targets = Enumerable.Range(0, data.Rows).Select(r => (int)data.Targets[r]).ToArray();
        int classes = Math.Max(targets.Max(), predicted.Classes!.Max()) + 1;
        var cells = new double[Cells, Cells];
        for (int i = 0; i < grid.Inputs.Count; i++) cells[i / Cells, i % Cells] = predicted.Classes![i];
        var plot = new Plot();
        var regions = plot.Add.Heatmap(cells);
        regions.Colormap = new ClassColormap(classes);
        regions.ManualRange = new ScottPlot.Range(0, Math.Max(1, classes - 1)); // a class's colour must not depend on which classes were predicted
        regions.Opacity = RegionOpacity;
        regions.Extent = new CoordinateRect(grid.Xs[0], grid.Xs[^1], grid.Ys[0], grid.Ys[^1]);
        for (int label = 0; label < classes; label++)
        {
            var rows = Enumerable.Range(0, data.Rows).Where(r => targets[r] == label).ToList();
            if (rows.Count == 0) continue;
            var points = plot.Add.ScatterPoints(rows.Select(r => (double)data.Features[r * 2]).ToArray(), rows.Select(r => (double)data.Features[r * 2 + 1]).ToArray());
            points.MarkerFillColor = ClassColormap.Of(label);
            points.MarkerLineColor = Colors.Black;
            points.MarkerLineWidth = 0.5f;
            points.MarkerSize = 6;
        }
        plot.Legend.ManualItems.AddRange(Enumerable.Range(0, classes).Select(label => new LegendItem
        {
            LabelText = $"class {label}",
            FillColor = ClassColormap.Of(label).WithAlpha(RegionOpacity),
            MarkerShape = MarkerShape.FilledCircle,
            MarkerFillColor = ClassColormap.Of(label),
            MarkerLineColor = Colors.Black,
            MarkerSize = 8,
        }));
        plot.ShowLegend(Edge.Right);
        plot.Title(title + ": decision boundary");
        plot.XLabel("x₁ (feature 0)");
        plot.YLabel("x₂ (feature 1)");
        return Figure.Of(plot);
    }
}
