namespace TrainService.Jobs.Studies;

/// <summary>
/// Student's t distribution: the CDF through the regularised incomplete beta function
/// (Numerical Recipes' continued fraction, Lentz's method), the quantile by bisection on it.
/// Double precision throughout; good to ~1e-10, far finer than any table a user compares against.
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ t) for T with <paramref name="df"/> degrees of freedom.</summary>
    public static double Cdf(double t, double df)
    {
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        // x and 1 − x each computed directly: 1 − x by subtraction loses every digit near t = 0.
        double tail = 0.5 * RegularizedBeta(df / (df + t * t), t * t / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="p"/>, for 0 &lt; p &lt; 1.</summary>
    public static double Quantile(double p, double df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        double low = -1, high = 1;
        while (Cdf(low, df) > p) low *= 2;
        while (Cdf(high, df) < p) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, Math.Abs(low)); i++)
        {
            double mid = (low + high) / 2;
            if (Cdf(mid, df) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>Two-sided p-value of a t statistic: P(|T| ≥ |t|).</summary>
    public static double TwoSidedP(double t, double df) => Math.Min(1, 2 * Cdf(-Math.Abs(t), df));

    /// <summary>I_x(a, b), given x and y = 1 − x.</summary>
    static double RegularizedBeta(double x, double y, double a, double b)
    {
        if (x <= 0) return 0;
        if (y <= 0) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(y));
        // The continued fraction converges fast only below the mean; use the symmetry above it.
        return x < (a + 1) / (a + b + 2) ? front * BetaFraction(x, a, b) / a : 1 - front * BetaFraction(y, b, a) / b;
    }

    static double BetaFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++)
        {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / Guard(1 + even * d); c = Guard(1 + even / c); h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / Guard(1 + odd * d); c = Guard(1 + odd / c);
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return h;

        static double Guard(double v) => Math.Abs(v) < tiny ? tiny : v;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms).</summary>
    static double LogGamma(double x)
    {
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < 9; i++) sum += g[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
