namespace TumorRegistry.Incidence.Rates;

/// <summary>Ratio of two age-adjusted rates (numerator over reference) with its F-based interval.</summary>
/// <param name="Ratio">Rate of the compared group / rate of the reference group.</param>
/// <param name="Interval">F interval: Tiwari et al. (2006) when Tiwari is true, else Fay (1999).</param>
/// <param name="Tiwari">Which weight modification the interval uses.</param>
public sealed record RateRatio(double Ratio, ConfidenceInterval Interval, bool Tiwari);

/// <summary>
/// Rate ratios of directly standardized rates. Each rate is approximated by a gamma; the ratio of two
/// independent gammas, each divided by its mean, is F with twice their shapes as degrees of freedom.
/// Lower limit pairs the numerator's lower gamma with the denominator's shifted (upper) gamma and vice versa:
///   lower = y1 / (y2 + k2) x qF(a/2; 2 y1^2/v1, 2 (y2+k2)^2/(v2+k2'))
///   upper = (y1 + k1) / y2 x qF(1-a/2; 2 (y1+k1)^2/(v1+k1'), 2 y2^2/v2)
/// with k = max weight, k' = k^2 (Fay 1999) or k = mean weight, k' = mean squared weight (Tiwari et al. 2006).
/// The two groups are assumed to share no cases (SEER*Stat makes the same assumption).
/// </summary>
public static class RateRatios
{
    /// <summary>Rate ratio of group 1 over reference group 2, both standardized to the same standard population.</summary>
    public static RateRatio Compute(IReadOnlyList<long> counts1, IReadOnlyList<double> populations1,
        IReadOnlyList<long> counts2, IReadOnlyList<double> populations2, IReadOnlyList<double> standardPopulation,
        double confidenceLevel = 0.95, bool tiwari = true)
    {
        CrudeRates.CheckLevel(confidenceLevel);
        var a = WeightedPoissonSum.From(counts1, populations1, standardPopulation);
        var b = WeightedPoissonSum.From(counts2, populations2, standardPopulation);
        double alpha = 1 - confidenceLevel;
        double ratio = b.Rate > 0 ? a.Rate / b.Rate : double.NaN;

        double lower = 0;
        if (a.Variance > 0 && b.WeightTerms > 0)
        {
            var (bMean, bVar) = b.Shifted(tiwari);
            lower = a.Rate / bMean * Quantiles.F(alpha / 2, 2 * a.Rate * a.Rate / a.Variance, 2 * bMean * bMean / bVar);
        }
        double upper = double.PositiveInfinity;
        if (b.Variance > 0 && a.WeightTerms > 0)
        {
            var (aMean, aVar) = a.Shifted(tiwari);
            upper = aMean / b.Rate * Quantiles.F(1 - alpha / 2, 2 * aMean * aMean / aVar, 2 * b.Rate * b.Rate / b.Variance);
        }
        return new RateRatio(ratio, new ConfidenceInterval(lower, upper), tiwari);
    }
}
