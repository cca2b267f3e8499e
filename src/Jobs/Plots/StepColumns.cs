namespace TrainService.Jobs.Plots;

/// <summary>
/// The columns of a heatmap over sampled optimizer steps. Each column starts at its step and reaches
/// the next one, so the picture keeps the real spacing of the samples (a schedule by epochs, a resumed
/// run or a changed <c>every</c> samples unevenly). Beyond <see cref="MaxColumns"/> samples, runs of
/// neighbouring samples share one column, which the image could not resolve anyway.
/// </summary>
public static class StepColumns
{
    public const int MaxColumns = 400;

    /// <summary>A column: the sampled steps it averages and the step range it covers on the x axis.</summary>
    public sealed record Column(IReadOnlyList<long> Steps, double Left, double Right);

    public static IReadOnlyList<Column> From(IEnumerable<long> sampledSteps, int maxColumns = MaxColumns)
    {
        var steps = sampledSteps.Distinct().Order().ToList();
        if (steps.Count == 0) return [];
        int perColumn = (steps.Count + maxColumns - 1) / maxColumns;
        var groups = steps.Chunk(perColumn).ToList();
        // The last column has no next sample to reach; it is as wide as the interval before it (one step if alone).
        double lastWidth = groups.Count > 1 ? groups[^1][0] - groups[^2][0] : Math.Max(1, groups[0][^1] - groups[0][0] + 1);
        return groups.Select((g, i) => new Column(g, g[0], i + 1 < groups.Count ? groups[i + 1][0] : g[0] + lastWidth)).ToList();
    }
}
