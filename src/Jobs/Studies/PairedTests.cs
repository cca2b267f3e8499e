namespace TrainService.Jobs.Studies;

/// <summary>Summary statistics and the two paired tests a study reports, on plain arrays.</summary>
public static class PairedTests
{
    public static double Mean(IReadOnlyList<double> x) => x.Average();

    /// <summary>Sample standard deviation (n − 1); null for fewer than two values.</summary>
    public static double? Std(IReadOnlyList<double> x)
    {
        if (x.Count < 2) return null;
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }

    /// <summary>The 95% confidence interval of the mean, mean ± t(0.975, n−1)·s/√n; null for fewer than two values.</summary>
    public static (double Low, double High)? ConfidenceInterval95(IReadOnlyList<double> x)
    {
        if (Std(x) is not { } s) return null;
        double half = StudentT.Quantile(0.975, x.Count - 1) * s / Math.Sqrt(x.Count);
        return (x.Average() - half, x.Average() + half);
    }

    /// <summary>
    /// Two-sided paired t-test of mean(a − b) = 0; null for fewer than two pairs. Identical
    /// differences have no spread: p = 1 when they are all zero, 0 otherwise.
    /// </summary>
    public static double? PairedTP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = a.Zip(b, (x, y) => x - y).ToList();
        if (d.Count < 2) return null;
        double s = Std(d)!.Value, mean = d.Average();
        if (s == 0) return mean == 0 ? 1 : 0;
        return StudentT.TwoSidedP(mean / (s / Math.Sqrt(d.Count)), d.Count - 1);
    }

    /// <summary>
    /// Two-sided exact Wilcoxon signed-rank p-value: zero differences dropped (Wilcoxon's
    /// convention), tied |differences| get their average rank, and the null distribution of W+ is
    /// counted exactly over all 2^n sign patterns of those ranks. Null when no difference is non-zero.
    /// </summary>
    public static double? WilcoxonP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = a.Zip(b, (x, y) => x - y).Where(v => v != 0).ToList();
        if (d.Count == 0) return null;
        // Doubled ranks are integers even when ties average to half-ranks.
        var ranks = DoubledRanks(d.Select(Math.Abs).ToList());
        int total = ranks.Sum(), observed = d.Select((v, i) => v > 0 ? ranks[i] : 0).Sum();
        // ways[s] = sign patterns whose positive doubled ranks sum to s.
        var ways = new double[total + 1];
        ways[0] = 1;
        foreach (int r in ranks)
            for (int s = total; s >= r; s--) ways[s] += ways[s - r];
        double all = Math.Pow(2, d.Count);
        double lower = ways.Take(Math.Min(observed, total - observed) + 1).Sum() / all;
        return Math.Min(1, 2 * lower);
    }

    static int[] DoubledRanks(List<double> magnitudes)
    {
        var order = Enumerable.Range(0, magnitudes.Count).OrderBy(i => magnitudes[i]).ToArray();
        var ranks = new int[magnitudes.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && magnitudes[order[end + 1]] == magnitudes[order[start]]) end++;
            // Positions start..end (0-based) share the average 1-based rank; doubled: start + end + 2.
            for (int k = start; k <= end; k++) ranks[order[k]] = start + end + 2;
            start = end + 1;
        }
        return ranks;
    }
}
