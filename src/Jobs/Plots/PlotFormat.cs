using ScottPlot;

namespace TrainService.Jobs.Plots;

/// <summary>The image formats plots come in.</summary>
public enum PlotFormat { Png, Svg }

/// <summary>A rendered plot and its media type.</summary>
public sealed record RenderedPlot(byte[] Content, string ContentType);

public static class PlotRendering
{
    public const int Width = 800, Height = 500;

    public static bool TryParse(string? format, out PlotFormat parsed)
    {
        parsed = format?.ToLowerInvariant() switch { null or "png" => PlotFormat.Png, "svg" => PlotFormat.Svg, _ => (PlotFormat)(-1) };
        return Enum.IsDefined(parsed);
    }

    public static RenderedPlot Render(Plot plot, PlotFormat format) => format switch
    {
        PlotFormat.Svg => new(System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height)), "image/svg+xml"),
        _ => new(plot.GetImageBytes(Width, Height, ImageFormat.Png), "image/png"),
    };
}
