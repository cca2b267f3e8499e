namespace TrainService.Models.Data;

/// <summary>
/// The random draws every generator uses. System.Random's seeded sequence is fixed across .NET
/// versions, so a seed names the same dataset everywhere.
/// </summary>
internal static class SeededDraws
{
    /// <summary>Folds all 64 bits of the seed in, so seeds 1 and 2³²+1 give different data.</summary>
    public static Random For(long seed) => new(unchecked((int)(seed ^ (seed >> 32))));

    /// <summary>A standard normal draw by Box–Muller.</summary>
    public static double Gaussian(this Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>Two classes make a binary task (one sigmoid unit), more a multiclass one.</summary>
    public static TaskKind TaskFor(int classes) => classes == 2 ? TaskKind.BinaryClassification : TaskKind.MulticlassClassification;
}
