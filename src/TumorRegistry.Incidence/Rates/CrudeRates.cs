namespace TumorRegistry.Incidence.Rates;

/// <summary>A crude rate: cases divided by person-years, with its exact Poisson interval.</summary>
/// <param name="Count">Cases (or deaths).</param>
/// <param name="Population">Person-years at risk (sum of the yearly populations).</param>
/// <param name="Rate">Count / Population x PerPopulation.</param>
/// <param name="StandardError">sqrt(Count) / Population x PerPopulation (SEER*Stat).</param>
/// <param name="Interval">Exact (Garwood) Poisson interval, as R's poisson.test.</param>
/// <param name="PerPopulation">Multiplier, e.g. 100,000.</param>
public sealed record CrudeRate(long Count, double Population, double Rate, double StandardError, ConfidenceInterval Interval, double PerPopulation);

/// <summary>Crude rates with exact Poisson intervals.</summary>
public static class CrudeRates
{
    /// <summary>
    /// Crude rate per <paramref name="perPopulation"/> with the exact interval
    /// [qgamma(a/2, x), qgamma(1-a/2, x+1)] / population (Garwood 1936; R poisson.test).
    /// </summary>
    public static CrudeRate Compute(long count, double population, double confidenceLevel = 0.95, double perPopulation = 100_000)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "Count cannot be negative.");
        if (!(population > 0)) throw new ArgumentOutOfRangeException(nameof(population), "Population must be positive for a crude rate.");
        var interval = ExactPoissonInterval(count, confidenceLevel);
        return new CrudeRate(count, population, count / population * perPopulation,
            Math.Sqrt(count) / population * perPopulation,
            new ConfidenceInterval(interval.Lower / population * perPopulation, interval.Upper / population * perPopulation),
            perPopulation);
    }

    /// <summary>Exact interval for a Poisson mean given an observed count (lower is 0 when count is 0).</summary>
    public static ConfidenceInterval ExactPoissonInterval(long count, double confidenceLevel = 0.95)
    {
        CheckLevel(confidenceLevel);
        double alpha = 1 - confidenceLevel;
        double lower = count == 0 ? 0 : Quantiles.Gamma(alpha / 2, count, 1);
        double upper = Quantiles.Gamma(1 - alpha / 2, count + 1, 1);
        return new ConfidenceInterval(lower, upper);
    }

    internal static void CheckLevel(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), "Confidence level must be between 0 and 1, e.g. 0.95.");
    }
}
