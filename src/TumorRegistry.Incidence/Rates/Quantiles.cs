using MathNet.Numerics;

namespace TumorRegistry.Incidence.Rates;

/// <summary>
/// Quantile functions the rate intervals need. MathNet's inverses are polished here with Newton
/// steps on the (accurate) regularized incomplete gamma and beta functions, so results agree with
/// R's qgamma/qf/qt to well below 1e-10 relative.
/// </summary>
public static class Quantiles
{
    /// <summary>p-quantile of a gamma distribution with the given shape and scale (R: qgamma(p, shape, scale=)).</summary>
    public static double Gamma(double p, double shape, double scale)
    {
        if (!(shape > 0) || !(scale > 0)) throw new ArgumentOutOfRangeException(nameof(shape), "Gamma shape and scale must be positive.");
        if (p <= 0) return 0;
        if (p >= 1) return double.PositiveInfinity;
        double x = SpecialFunctions.GammaLowerRegularizedInv(shape, p);
        for (int i = 0; i < 50 && x > 0; i++)
        {
            // Newton on P(shape, x) = p; the density is exp((a-1)ln x - x - lnGamma(a)).
            double f = SpecialFunctions.GammaLowerRegularized(shape, x) - p;
            double density = Math.Exp((shape - 1) * Math.Log(x) - x - SpecialFunctions.GammaLn(shape));
            if (density <= 0 || double.IsNaN(density)) break;
            double step = f / density;
            double next = x - step;
            if (next <= 0) next = x / 2;
            if (Math.Abs(next - x) <= 1e-15 * Math.Max(1, Math.Abs(x))) { x = next; break; }
            x = next;
        }
        return x * scale;
    }

    /// <summary>p-quantile of the F distribution (R: qf(p, df1, df2)); degrees of freedom may be fractional.</summary>
    public static double F(double p, double df1, double df2)
    {
        if (!(df1 > 0) || !(df2 > 0)) throw new ArgumentOutOfRangeException(nameof(df1), "F degrees of freedom must be positive.");
        if (p <= 0) return 0;
        if (p >= 1) return double.PositiveInfinity;
        // X ~ F(d1,d2) <=> B = d1 X / (d1 X + d2) ~ Beta(d1/2, d2/2).
        double b = Beta(p, df1 / 2, df2 / 2);
        return df2 * b / (df1 * (1 - b));
    }

    /// <summary>p-quantile of Student's t with df degrees of freedom (R: qt(p, df)).</summary>
    public static double StudentT(double p, double df)
    {
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), "t degrees of freedom must be positive.");
        if (p == 0.5) return 0;
        // |T| quantile from the beta: P(|T| <= t) = I_{t^2/(df+t^2)}(1/2, df/2).
        double tail = p > 0.5 ? 2 * p - 1 : 1 - 2 * p;
        double b = Beta(tail, 0.5, df / 2);
        double t = Math.Sqrt(df * b / (1 - b));
        return p > 0.5 ? t : -t;
    }

    /// <summary>Two-sided p-value of a t statistic with df degrees of freedom.</summary>
    public static double StudentTTwoSidedP(double t, double df) =>
        SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));

    /// <summary>p-quantile of Beta(a, b).</summary>
    public static double Beta(double p, double a, double b)
    {
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        double x = MathNet.Numerics.Distributions.Beta.InvCDF(a, b, p);
        double lnBeta = SpecialFunctions.BetaLn(a, b);
        for (int i = 0; i < 60; i++)
        {
            double f = SpecialFunctions.BetaRegularized(a, b, x) - p;
            double density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - lnBeta);
            if (density <= 0 || double.IsNaN(density) || double.IsInfinity(density)) break;
            double next = x - f / density;
            if (next <= 0) next = x / 2;
            if (next >= 1) next = (x + 1) / 2;
            if (Math.Abs(next - x) <= 1e-16 * Math.Max(1e-300, x) + 1e-300) { x = next; break; }
            x = next;
        }
        return x;
    }
}
