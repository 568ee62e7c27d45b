namespace TumorRegistry.Incidence.Rates;

/// <summary>How the log-linear trend line is fitted.</summary>
public enum TrendFit
{
    /// <summary>Ordinary least squares on ln(rate) (SEER*Stat's default).</summary>
    Unweighted,
    /// <summary>Weighted least squares with weights rate^2 / SE(rate)^2, the inverse delta-method variance of ln(rate).</summary>
    Weighted,
}

/// <summary>One year's rate for a trend; StandardError is needed only for the weighted fit.</summary>
public readonly record struct YearRate(int Year, double Rate, double StandardError = double.NaN);

/// <summary>Annual percent change: APC = 100 (e^b - 1), b the slope of ln(rate) on year.</summary>
/// <param name="Apc">Annual percent change.</param>
/// <param name="Interval">100 (e^(b -/+ t s_b) - 1) with t from Student's t on n-2 df.</param>
/// <param name="Slope">b.</param>
/// <param name="SlopeStandardError">s_b.</param>
/// <param name="PValue">Two-sided test of b = 0 on n-2 df.</param>
/// <param name="Years">Number of yearly points used.</param>
/// <param name="Fit">Unweighted or weighted.</param>
public sealed record AnnualPercentChange(double Apc, ConfidenceInterval Interval, double Slope, double SlopeStandardError,
    double PValue, int Years, TrendFit Fit);

/// <summary>Log-linear trend of yearly rates (SEER*Stat "APC", t distribution).</summary>
public static class Trends
{
    /// <summary>
    /// Fits ln(rate) = a + b year. Returns null when a trend cannot be computed the SEER way:
    /// fewer than 3 years (no residual degrees of freedom) or a rate that is zero or missing.
    /// </summary>
    public static AnnualPercentChange? Fit(IReadOnlyList<YearRate> rates, TrendFit fit = TrendFit.Unweighted, double confidenceLevel = 0.95)
    {
        CrudeRates.CheckLevel(confidenceLevel);
        int n = rates.Count;
        if (n < 3) return null;
        var x = new double[n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            var r = rates[i];
            if (!(r.Rate > 0) || double.IsInfinity(r.Rate)) return null;
            x[i] = r.Year;
            y[i] = Math.Log(r.Rate);
            if (fit == TrendFit.Weighted)
            {
                if (!(r.StandardError > 0)) return null;
                w[i] = r.Rate * r.Rate / (r.StandardError * r.StandardError);
            }
            else w[i] = 1;
        }
        double sw = w.Sum();
        double xBar = 0, yBar = 0;
        for (int i = 0; i < n; i++) { xBar += w[i] * x[i]; yBar += w[i] * y[i]; }
        xBar /= sw;
        yBar /= sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) { sxx += w[i] * (x[i] - xBar) * (x[i] - xBar); sxy += w[i] * (x[i] - xBar) * (y[i] - yBar); }
        if (sxx == 0) return null;
        double b = sxy / sxx;
        double a = yBar - b * xBar;
        double rss = 0;
        for (int i = 0; i < n; i++) { double e = y[i] - a - b * x[i]; rss += w[i] * e * e; }
        int df = n - 2;
        double se = Math.Sqrt(rss / df / sxx);
        double t = Quantiles.StudentT(1 - (1 - confidenceLevel) / 2, df);
        double p = se > 0 ? Quantiles.StudentTTwoSidedP(b / se, df) : 0;
        return new AnnualPercentChange(100 * (Math.Exp(b) - 1),
            new ConfidenceInterval(100 * (Math.Exp(b - t * se) - 1), 100 * (Math.Exp(b + t * se) - 1)),
            b, se, p, n, fit);
    }
}
