using ScottPlot;
using SkiaSharp;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Plots;

namespace TrainService.Tests.Unit.Plots;

/// <summary>Renders figures in memory and reads back what a person would see.</summary>
static class PlotFigures
{
    public static SKBitmap Png(Figure figure)
    {
        var bitmap = SKBitmap.Decode(PlotRendering.Render(figure, PlotFormat.Png).Content);
        Assert.Equal((figure.Width, figure.Height), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    public static bool IsInk(SKColor c) => c.Red < 120 && c.Green < 120 && c.Blue < 120;

    /// <summary>Pixels of legend text must lie right of the data area, where no curve is drawn.</summary>
    public static void AssertLegendRightOfData(Figure figure)
    {
        using var bitmap = Png(figure);
        var data = figure.Panels[0].LastRender.DataRect;
        int ink = 0;
        for (int x = (int)data.Right + 8; x < bitmap.Width; x++)
            for (int y = (int)data.Top; y < (int)data.Bottom; y++)
                if (IsInk(bitmap.GetPixel(x, y))) ink++;
        Assert.True(ink > 40, $"only {ink} dark pixels right of the data area {data}: the legend is not there");
        Assert.True(data.Right < bitmap.Width - 60, $"the data area reaches x = {data.Right} of {bitmap.Width}: no room was kept for a legend");
    }

    public static DiagnosticsResponse Diagnostics(IReadOnlyList<string> layers, params LayerSeries[] series) => new(Guid.NewGuid(), layers, series, []);
}
