using ScottPlot;
using TrainService.Contracts.Responses;
using TrainService.Models.Data;

namespace TrainService.Jobs.Plots;

/// <summary>The predicted class over a grid covering a 2-D dataset, with the examples on top.</summary>
public static class DecisionBoundaryPlot
{
    const int Cells = 80;

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

    public static Plot Draw(string title, InMemoryDataset data, GridPoints grid, PredictResponse predicted)
    {
        var classes = new double[Cells, Cells];
        for (int i = 0; i < grid.Inputs.Count; i++) classes[i / Cells, i % Cells] = predicted.Classes![i];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(classes);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Opacity = 0.5;
        heatmap.Extent = new CoordinateRect(grid.Xs[0], grid.Xs[^1], grid.Ys[0], grid.Ys[^1]);
        foreach (var label in Enumerable.Range(0, data.Rows).Select(r => (int)data.Targets[r]).Distinct().Order())
        {
            var rows = Enumerable.Range(0, data.Rows).Where(r => (int)data.Targets[r] == label).ToList();
            var points = plot.Add.ScatterPoints(rows.Select(r => (double)data.Features[r * 2]).ToArray(), rows.Select(r => (double)data.Features[r * 2 + 1]).ToArray());
            points.LegendText = $"class {label}";
        }
        plot.Title(title);
        plot.XLabel("x₁");
        plot.YLabel("x₂");
        plot.ShowLegend();
        return plot;
    }
}
