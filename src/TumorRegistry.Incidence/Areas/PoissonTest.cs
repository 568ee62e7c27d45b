using MathNet.Numerics;
using TumorRegistry.Incidence.Rates;

namespace TumorRegistry.Incidence.Areas;

/// <summary>Exact test of an observed Poisson count against its expectation, as R's <c>poisson.test(x, T)</c>.</summary>
public static class PoissonTest
{
    /// <summary>
    /// Two-sided p-value of x given mean m: the probability of counts no more likely than x (R's rule, with its
    /// 1 + 1e-7 tolerance so ties of equal likelihood count on both sides).
    /// </summary>
    public static double TwoSidedP(long x, double m)
    {
        if (x < 0 || !(m >= 0)) throw new ArgumentOutOfRangeException(nameof(m), "Count and mean must not be negative.");
        if (m == 0) return x == 0 ? 1 : 0;
        const double relErr = 1 + 1e-7;
        double d = Pmf(x, m);
        if (x == m) return 1;
        if (x < m)
        {
            long n = (long)Math.Ceiling(2 * m - x);
            while (Pmf(n, m) > d) n *= 2;
            long y = 0;
            for (long i = (long)Math.Ceiling(m); i <= n; i++) if (Pmf(i, m) <= d * relErr) y++;
            return Cdf(x, m) + UpperTail(n - y, m);
        }
        long below = 0;
        for (long i = 0; i <= (long)Math.Floor(m); i++) if (Pmf(i, m) <= d * relErr) below++;
        return (below > 0 ? Cdf(below - 1, m) : 0) + UpperTail(x - 1, m);
    }

    /// <summary>Exact (Garwood) interval of the ratio observed / expected: [qgamma(a/2, x), qgamma(1-a/2, x+1)] / expected.</summary>
    public static ConfidenceInterval RatioInterval(long x, double expected, double confidenceLevel = 0.95) =>
        CrudeRates.ExactPoissonInterval(x, confidenceLevel).Scale(1 / expected);

    static double Pmf(long k, double m) => Math.Exp(k * Math.Log(m) - m - SpecialFunctions.GammaLn(k + 1.0));

    // P(X <= k) = Q(k+1, m) and P(X > k) = P(k+1, m): regularized gamma, no 1 - p cancellation.
    static double Cdf(long k, double m) => k < 0 ? 0 : SpecialFunctions.GammaUpperRegularized(k + 1.0, m);

    static double UpperTail(long k, double m) => k < 0 ? 1 : SpecialFunctions.GammaLowerRegularized(k + 1.0, m);
}
