using ScottPlot;
using SkiaSharp;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Plots;
using TrainService.Models.Data;
using TrainService.Models.Diagnostics;

namespace TrainService.Tests.Unit.Plots;

/// <summary>The layout of each plot kind, drawn from hand-made data (no training), checked on the computed layout and on the pixels.</summary>
public sealed class PlotLayoutTests
{
    static readonly IReadOnlyList<EpochMetrics> Epochs = Enumerable.Range(1, 20)
        .Select(e => new EpochMetrics(e, 1.0 / e, 1.2 / e, 1 - 0.5 / e, 1 - 0.6 / e, 0.01, null)).ToList();

    public static TheoryData<string> LegendKinds => ["loss", "accuracy", "compare", "activation-function", "decision-boundary"];

    [Theory]
    [MemberData(nameof(LegendKinds))]
    public void Legend_SitsOutsideTheDataArea(string kind)
    {
        var figure = kind switch
        {
            "loss" => CurvePlots.Loss("job", "bce", Epochs),
            "accuracy" => CurvePlots.Accuracy("job", Epochs),
            "compare" => FunctionPlots.Overlay("valLoss", [("a", [1, 2, 3], [3, 2, 1]), ("b", [1, 2, 3], [1, 2, 3])]),
            "activation-function" => FunctionPlots.Activation("tanh", ActivationCurve.Sample(TrainService.Contracts.Specs.Activation.Tanh, -3, 3, 61)),
            _ => ThreeClassBoundary(),
        };
        PlotFigures.AssertLegendRightOfData(figure);
    }

    [Fact]
    public void DecisionBoundary_KeyNamesEveryClass_InTheColourOfItsRegion()
    {
        var figure = ThreeClassBoundary();
        var items = figure.Panels[0].Legend.ManualItems;
        Assert.Equal(["class 0", "class 1", "class 2"], items.Select(i => i.LabelText));
        var regions = new ClassColormap(3);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(ClassColormap.Of(k), regions.GetColor(k / 2.0)); // the heatmap paints class k in k's colour
            Assert.Equal(ClassColormap.Of(k).WithAlpha(0.3), items[k].FillColor);
        }
        Assert.Equal(3, Enumerable.Range(0, 3).Select(ClassColormap.Of).Distinct().Count());

        // Each region shows its pale class colour in the image.
        using var bitmap = PlotFigures.Png(figure);
        var data = figure.Panels[0].LastRender.DataRect;
        for (int k = 0; k < 3; k++)
        {
            var c = ClassColormap.Of(k);
            SKColor pale = new((byte)(255 - 0.3 * (255 - c.R)), (byte)(255 - 0.3 * (255 - c.G)), (byte)(255 - 0.3 * (255 - c.B)));
            int matches = 0;
            for (int x = (int)data.Left; x < (int)data.Right; x += 2)
                for (int y = (int)data.Top; y < (int)data.Bottom; y += 2)
                    if (Near(bitmap.GetPixel(x, y), pale)) matches++;
            Assert.True(matches > 500, $"class {k}: {matches} pixels of its region colour {pale}");
        }
    }

    [Fact]
    public void GradientFlow_ColumnsSitAtTheRealSteps_WithEpochsOnTheTopAxis()
    {
        long[] steps = [1, 2, 3, 50];
        int[] epochs = [1, 1, 1, 5];
        LayerSeries Grad(string layer, double scale) => new(DiagnosticMetrics.GradNorm, layer, steps.Select((s, i) => new SeriesPoint(s, epochs[i], scale * (i + 1))).ToList());
        var figure = GradientFlowPlot.Draw("job", PlotFigures.Diagnostics(["0_linear", "1_linear"], Grad("0_linear", 1), Grad("1_linear", 10)));
        var plot = figure.Panels[0];
        var cells = plot.GetPlottables().OfType<ScottPlot.Plottables.Rectangle>().ToList();
        Assert.Equal(8, cells.Count);
        Assert.Equal([1.0, 2, 3, 50], cells.Select(c => c.X1).Distinct().Order());
        Assert.Equal([2.0, 3, 50, 97], cells.Select(c => c.X2).Distinct().Order());
        Assert.Contains(cells, c => c.X1 == 1 && c.Y1 == 1 && c.Y2 == 2); // first layer on top
        using var bitmap = PlotFigures.Png(figure);
        var data = plot.LastRender.DataRect;
        double pixelsPerStep = data.Width / 96.0;
        Assert.Equal(data.Left + 49 * pixelsPerStep, plot.GetPixel(new Coordinates(50, 0)).X, 1.0); // x is proportional to the step
        Assert.Equal([1.0, 50], plot.Axes.Top.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position));
        Assert.Equal(["1", "5"], plot.Axes.Top.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void ActivationStats_TwentyLayers_ThreeAlignedPanels_OneQuantityEach_NamesThatDoNotOverlap()
    {
        var layers = Enumerable.Range(0, 20).SelectMany(i => new[] { $"{i}_linear", $"{i}_sigmoid" }).ToList();
        var series = new List<LayerSeries>();
        foreach (var (layer, i) in layers.Select((l, i) => (l, i)))
        {
            series.Add(new(DiagnosticMetrics.ActivationMean, layer, [new(1, 1, 0.01 * i), new(91, 12, 0.02 * i)]));
            series.Add(new(DiagnosticMetrics.ActivationVariance, layer, [new(1, 1, 30 + i), new(91, 12, 20 + i)]));
            if (layer.EndsWith("sigmoid")) series.Add(new(DiagnosticMetrics.SaturatedFraction, layer, [new(1, 1, 0.1), new(91, 12, 0.9)]));
        }
        var figure = ActivationStatsPlot.Draw("job", PlotFigures.Diagnostics(layers, [.. series]));
        Assert.Equal(3, figure.Panels.Length);
        var (mean, variance, fraction) = (figure.Panels[0], figure.Panels[1], figure.Panels[2]);
        double[] Ys(Plot panel) => panel.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().SelectMany(s => s.Data.GetScatterPoints()).Select(p => p.Y).ToArray();
        Assert.All(Ys(mean), y => Assert.InRange(y, 0, 1));
        Assert.All(Ys(variance), y => Assert.InRange(y, 20, 70));
        Assert.Equal([0.1, 0.9], Ys(fraction).Distinct().Order());
        Assert.Equal((-0.05, 1.05), (fraction.Axes.GetLimits().Bottom, fraction.Axes.GetLimits().Top));

        using var bitmap = PlotFigures.Png(figure);
        var rects = figure.Panels.Select(p => p.LastRender.DataRect).ToList();
        Assert.Single(rects.Select(r => (r.Left, r.Right)).Distinct()); // one layer sits at the same x in every panel
        Assert.True(rects[0].Bottom <= rects[1].Top && rects[1].Bottom <= rects[2].Top, "panels are stacked, not overlaid");

        // Every module is named on the bottom panel, and no name overlaps its neighbour.
        var ticks = fraction.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal(layers, ticks.Select(t => t.Label));
        double spacing = rects[2].Width / layers.Count;
        var style = fraction.Axes.Bottom.TickLabelStyle;
        using var paint = Paint.NewDisposablePaint();
        float footprint = layers.Max(l => Math.Abs(style.Rotation) == 90 ? style.Measure(l, paint).Size.Height : style.Measure(l, paint).Size.Width);
        Assert.True(footprint < spacing, $"a label takes {footprint} px along the axis; layers are {spacing:F1} px apart");
    }

    static Figure ThreeClassBoundary()
    {
        // Three clusters along x₁; the "model" predicts by thirds of x₁.
        var features = new List<float>();
        var targets = new List<float>();
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 10; i++) { features.Add(k * 3 + 0.1f * i); features.Add(0.2f * i); targets.Add(k); }
        var data = new InMemoryDataset([.. features], [.. targets], new DatasetShape([2], 1, TaskKind.MulticlassClassification, 3, 30));
        var grid = DecisionBoundaryPlot.Grid(data);
        double min = grid.Xs[0], max = grid.Xs[^1];
        var classes = grid.Inputs.Select(p => Math.Min(2, (int)(3 * (p[0] - min) / (max - min)))).ToList();
        return DecisionBoundaryPlot.Draw("job", data, grid, new PredictResponse(grid.Inputs, classes));
    }

    static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) <= 6 && Math.Abs(a.Green - b.Green) <= 6 && Math.Abs(a.Blue - b.Blue) <= 6;
}
