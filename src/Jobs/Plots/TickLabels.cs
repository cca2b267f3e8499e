using ScottPlot;

namespace TrainService.Jobs.Plots;

/// <summary>Readable category ticks: at most so many labels (every k-th when there are more), turned upright when asked.</summary>
public static class TickLabels
{
    /// <summary>The indices that get a label: every k-th, k the smallest that keeps the count at or below <paramref name="maxLabels"/>.</summary>
    public static int[] Thinned(int count, int maxLabels)
    {
        int every = Math.Max(1, (count + Math.Max(1, maxLabels) - 1) / Math.Max(1, maxLabels));
        return Enumerable.Range(0, count).Where(i => i % every == 0).ToArray();
    }

    public static void Categories(IAxis axis, IReadOnlyList<double> positions, IReadOnlyList<string> labels, int maxLabels, bool vertical = false)
    {
        var shown = Thinned(labels.Count, maxLabels);
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(shown.Select(i => positions[i]).ToArray(), shown.Select(i => labels[i]).ToArray());
        if (!vertical) return;
        // Upright names never overlap their neighbours; the axis grows to fit the longest.
        axis.TickLabelStyle.Rotation = -90;
        axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
        using var paint = Paint.NewDisposablePaint();
        axis.MinimumSize = shown.Select(i => axis.TickLabelStyle.Measure(labels[i], paint).Size.Width).DefaultIfEmpty(0).Max() + 30;
    }
}
