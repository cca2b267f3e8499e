using ScottPlot;
using SkiaSharp;

namespace TrainService.Jobs.Plots;

/// <summary>The image formats plots come in.</summary>
public enum PlotFormat { Png, Svg }

/// <summary>A rendered plot and its media type.</summary>
public sealed record RenderedPlot(byte[] Content, string ContentType);

/// <summary>One image: a single plot or stacked panels, with the pixel size it is drawn at.</summary>
public sealed record Figure(Multiplot Content, int Width = PlotRendering.Width, int Height = PlotRendering.Height)
{
    public static Figure Of(Plot plot) => new(new Multiplot(plot));

    public Plot[] Panels => Content.GetPlots();
}

public static class PlotRendering
{
    public const int Width = 800, Height = 500;

    public static bool TryParse(string? format, out PlotFormat parsed)
    {
        parsed = format?.ToLowerInvariant() switch { null or "png" => PlotFormat.Png, "svg" => PlotFormat.Svg, _ => (PlotFormat)(-1) };
        return Enum.IsDefined(parsed);
    }

    public static RenderedPlot Render(Figure figure, PlotFormat format) => format switch
    {
        PlotFormat.Svg => new(Svg(figure), "image/svg+xml"),
        _ => new(figure.Content.Render(figure.Width, figure.Height).GetImageBytes(ImageFormat.Png), "image/png"),
    };

    // Multiplot has no SVG export of its own; Skia's SVG canvas takes the same drawing calls.
    static byte[] Svg(Figure figure)
    {
        using var stream = new SKDynamicMemoryWStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, figure.Width, figure.Height), stream))
            figure.Content.Render(canvas, new PixelRect(0, figure.Width, figure.Height, 0));
        return stream.DetachAsData().ToArray();
    }
}
