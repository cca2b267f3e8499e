using ScottPlot;

namespace TrainService.Jobs.Plots;

/// <summary>A colour bar's source for cells drawn by hand (the heatmap plottable only knows evenly spaced cells).</summary>
public sealed class ColorScale(IColormap colormap, double min, double max) : IHasColorAxis
{
    public IColormap Colormap { get; } = colormap;

    public ScottPlot.Range GetRange() => new(min, max);

    public Color ColorOf(double value) => Colormap.GetColor(max > min ? (value - min) / (max - min) : 0.5);

    public static ColorScale Over(IColormap colormap, IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return new(colormap, 0, 1);
        double min = finite.Min(), max = finite.Max();
        return min < max ? new(colormap, min, max) : new(colormap, min - 0.5, max + 0.5);
    }
}
