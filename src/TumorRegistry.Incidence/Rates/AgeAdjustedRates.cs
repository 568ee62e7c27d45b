namespace TumorRegistry.Incidence.Rates;

/// <summary>A directly age-adjusted rate with its Fay-Feuer and Tiwari intervals (all per PerPopulation).</summary>
/// <param name="Count">Total cases over all age groups.</param>
/// <param name="Population">Total person-years.</param>
/// <param name="CrudeRate">Count / Population x PerPopulation.</param>
/// <param name="Rate">Sum of standard weight x age-specific rate, x PerPopulation.</param>
/// <param name="StandardError">sqrt(sum s_i^2 d_i / n_i^2) x PerPopulation, s_i the standard proportions.</param>
/// <param name="FayFeuer">Fay and Feuer (1997) gamma interval (as R epitools ageadjust.direct).</param>
/// <param name="Tiwari">Tiwari, Clegg and Zou (2006) modified gamma interval (as US Cancer Statistics).</param>
/// <param name="PopulationAdjusted">True when an age group had cases but no population and SEER's rule (population := count) was applied.</param>
/// <param name="PerPopulation">Multiplier, e.g. 100,000.</param>
public sealed record AgeAdjustedRate(long Count, double Population, double CrudeRate, double Rate, double StandardError,
    ConfidenceInterval FayFeuer, ConfidenceInterval Tiwari, bool PopulationAdjusted, double PerPopulation);

/// <summary>Direct age standardization with gamma intervals.</summary>
public static class AgeAdjustedRates
{
    /// <summary>
    /// Age-adjusted rate by direct standardization. The three lists are aligned by age group;
    /// <paramref name="standardPopulation"/> may be counts or proportions (it is normalized).
    /// SEER conventions: an age group with no cases and no population contributes a zero rate and no
    /// weight term; one with cases but no population uses population = count (flagged).
    /// </summary>
    public static AgeAdjustedRate Compute(IReadOnlyList<long> counts, IReadOnlyList<double> populations,
        IReadOnlyList<double> standardPopulation, double confidenceLevel = 0.95, double perPopulation = 100_000)
    {
        CrudeRates.CheckLevel(confidenceLevel);
        var sum = WeightedPoissonSum.From(counts, populations, standardPopulation);
        double alpha = 1 - confidenceLevel;
        double lower = sum.Lower(alpha);
        return new AgeAdjustedRate(sum.Count, sum.Population,
            sum.Population > 0 ? sum.Count / sum.Population * perPopulation : double.NaN,
            sum.Rate * perPopulation, Math.Sqrt(sum.Variance) * perPopulation,
            new ConfidenceInterval(lower, sum.Upper(alpha, tiwari: false)).Scale(perPopulation),
            new ConfidenceInterval(lower, sum.Upper(alpha, tiwari: true)).Scale(perPopulation),
            sum.PopulationAdjusted, perPopulation);
    }
}
