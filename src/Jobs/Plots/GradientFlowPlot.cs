using System.Globalization;
using ScottPlot;
using TrainService.Contracts.Responses;
using TrainService.Models.Diagnostics;

namespace TrainService.Jobs.Plots;

/// <summary>
/// log₁₀ of each parameterised layer's gradient norm at each sampled step, first layer at the top.
/// Columns sit at their real step numbers (see <see cref="StepColumns"/>); the top axis marks epochs.
/// </summary>
public static class GradientFlowPlot
{
    public static Figure Draw(string title, DiagnosticsResponse diagnostics)
    {
        var series = diagnostics.Series.Where(s => s.Metric == DiagnosticMetrics.GradNorm).ToList();
        var columns = StepColumns.From(series.SelectMany(s => s.Points).Select(p => p.Step));
        var cells = new double[series.Count, columns.Count];
        for (int row = 0; row < series.Count; row++)
        {
            var byStep = series[row].Points.Where(p => p.Value > 0).GroupBy(p => p.Step).ToDictionary(g => g.Key, g => g.Average(p => Math.Log10(p.Value)));
            for (int col = 0; col < columns.Count; col++)
            {
                var values = columns[col].Steps.Where(byStep.ContainsKey).Select(s => byStep[s]).ToList();
                cells[row, col] = values.Count == 0 ? double.NaN : values.Average();
            }
        }
        var plot = new Plot();
        var scale = ColorScale.Over(new ScottPlot.Colormaps.Viridis(), cells.Cast<double>());
        for (int row = 0; row < series.Count; row++)
            for (int col = 0; col < columns.Count; col++)
            {
                if (!double.IsFinite(cells[row, col])) continue; // no positive norm: left blank, not painted as the minimum
                double top = series.Count - row;
                var cell = plot.Add.Rectangle(columns[col].Left, columns[col].Right, top - 1, top);
                cell.FillColor = scale.ColorOf(cells[row, col]);
                cell.LineColor = cell.FillColor; // an outline of its own colour hides the anti-aliased seam between neighbours
                cell.LineWidth = 1;
            }
        if (series.Count > 0 && columns.Count > 0)
        {
            plot.Add.ColorBar(scale).Label = "log₁₀ gradient L2 norm";
            TickLabels.Categories(plot.Axes.Left, Enumerable.Range(0, series.Count).Select(r => series.Count - r - 0.5).ToArray(), series.Select(s => s.Layer).ToArray(), maxLabels: 30);
            MarkEpochs(plot, series);
            plot.Axes.SetLimits(columns[0].Left, columns[^1].Right, 0, series.Count);
            plot.Axes.SetLimitsX(columns[0].Left, columns[^1].Right, plot.Axes.Top); // the epoch ticks live on the top axis: same step range
            plot.HideGrid(); // grid lines would cross the cells
        }
        plot.Title(title + ": gradient flow");
        plot.XLabel("optimizer step");
        plot.YLabel("layer");
        return new Figure(new Multiplot(plot), Height: Math.Clamp(160 + 22 * series.Count, PlotRendering.Height, 1600));
    }

    /// <summary>Each sampled epoch's first sampled step, on the top axis, so steps read as epochs too.</summary>
    static void MarkEpochs(Plot plot, List<LayerSeries> series)
    {
        var firstStepOfEpoch = series.SelectMany(s => s.Points).GroupBy(p => p.Epoch).OrderBy(g => g.Key).Select(g => (Epoch: g.Key, Step: g.Min(p => p.Step))).ToList();
        TickLabels.Categories(plot.Axes.Top, firstStepOfEpoch.Select(e => (double)e.Step).ToArray(),
            firstStepOfEpoch.Select(e => e.Epoch.ToString(CultureInfo.InvariantCulture)).ToArray(), maxLabels: 15);
        plot.Axes.Top.Label.Text = "epoch";
        plot.Axes.Top.Label.OffsetY = 16; // drawn where the title sits otherwise
        plot.Axes.Top.MinimumSize = 62;
    }
}
