namespace TrainService.Models.Data.Sequences;

/// <summary>Box–Muller over System.Random, so a generator's stream depends only on its seed.</summary>
public static class Gaussian
{
    public static double Next(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
