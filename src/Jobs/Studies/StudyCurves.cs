namespace TrainService.Jobs.Studies;

/// <summary>One epoch of an arm's mean curve: the mean over the seeds that reached it and its 95% Student-t interval (null below two seeds).</summary>
public sealed record StudyCurvePoint(int Epoch, int N, double Mean, double? Low, double? High);

/// <summary>An arm's objective by epoch, averaged over its seeds.</summary>
public sealed record StudyCurve(int Arm, string Label, IReadOnlyList<StudyCurvePoint> Points);

/// <summary>Averages each arm's per-epoch objective over its seeds, epoch by epoch.</summary>
public static class StudyCurves
{
    /// <param name="runs">Per arm, one series per job: (epoch, value) points of the objective.</param>
    public static IReadOnlyList<StudyCurve> Average(IEnumerable<(int Arm, string Label, IReadOnlyList<IReadOnlyList<(int Epoch, double Value)>> Runs)> arms) =>
        arms.Select(a => new StudyCurve(a.Arm, a.Label, a.Runs
            .SelectMany(run => run)
            .Where(p => double.IsFinite(p.Value))
            .GroupBy(p => p.Epoch, p => p.Value)
            .OrderBy(g => g.Key)
            .Select(g => Point(g.Key, g.ToList()))
            .ToList())).ToList();

    static StudyCurvePoint Point(int epoch, List<double> values)
    {
        var ci = PairedTests.ConfidenceInterval95(values);
        return new StudyCurvePoint(epoch, values.Count, values.Average(), ci?.Low, ci?.High);
    }
}
