using System.Text.RegularExpressions;
using SkiaSharp;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// What a plot shows, read back from the bytes: a blank or empty chart decodes and parses as well
/// as a full one, so the plot tests count the series and the coloured pixels instead.
/// </summary>
public static partial class PlotContent
{
    /// <summary>One drawn series of an SVG plot: its colour and how many data points it has.</summary>
    public sealed record Series(string Color, int Points);

    /// <summary>
    /// The series inside the data area of a ScottPlot SVG: the groups clipped to the first clip
    /// rectangle (the axes' frame; the legend has its own), one per stroke or marker colour.
    /// </summary>
    public static List<Series> SvgSeries(string svg)
    {
        var clips = ClipRect().Matches(svg).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        if (clips.Count == 0) return [];
        string dataArea = ClipRect().Match(svg).Groups[2].Value;
        var series = new List<Series>();
        foreach (Match group in ClippedGroup().Matches(svg))
        {
            if (clips.GetValueOrDefault(group.Groups[1].Value) != dataArea) continue;
            string body = group.Groups[2].Value;
            foreach (Match line in StrokedPath().Matches(body))
                series.Add(new Series(line.Groups[1].Value, Regex.Count(line.Groups[2].Value, "[ML]")));
            if (!StrokedPath().IsMatch(body))
                series.AddRange(Marker().Matches(body).GroupBy(m => m.Groups[1].Value).Select(g => new Series(g.Key, g.Count())));
        }
        return series;
    }

    /// <summary>Pixels of clearly coloured ink (not white, grey or black) in the data area of a PNG, by coarse colour.</summary>
    public static Dictionary<(int R, int G, int B), int> ColouredPixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("not a PNG");
        var counts = new Dictionary<(int, int, int), int>();
        // The data area lies inside the axis margins; the title, tick labels and legend frame are grey or black anyway.
        for (int y = bitmap.Height / 10; y < bitmap.Height * 9 / 10; y++)
            for (int x = bitmap.Width / 10; x < bitmap.Width * 95 / 100; x++)
            {
                var c = bitmap.GetPixel(x, y);
                int max = Math.Max(c.Red, Math.Max(c.Green, c.Blue)), min = Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                if (max - min < 25) continue; // white, grey gridlines, black text
                var key = (c.Red / 64, c.Green / 64, c.Blue / 64);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        return counts;
    }

    [GeneratedRegex("""<clipPath id="(cl_[0-9a-f]+)">\s*<rect ([^/]*)/>""")]
    private static partial Regex ClipRect();

    [GeneratedRegex("""<g clip-path="url\(#(cl_[0-9a-f]+)\)">(.*?)</g>""", RegexOptions.Singleline)]
    private static partial Regex ClippedGroup();

    [GeneratedRegex("""<path fill="none" stroke="(#[0-9A-Fa-f]{6})"[^>]* d="([^"]+)"/>""")]
    private static partial Regex StrokedPath();

    [GeneratedRegex("""<ellipse fill="(#[0-9A-Fa-f]{6})"[^>]*/>""")]
    private static partial Regex Marker();
}
