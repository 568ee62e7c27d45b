using TumorRegistry.Incidence.Rates;

namespace TumorRegistry.Incidence.Areas;

/// <summary>Observed and age-group populations of one area (19 SEER age groups, or any grouping shared with the reference).</summary>
public sealed record AreaAgeCounts(string Fips, string Name, IReadOnlyList<long> Cases, IReadOnlyList<double> Populations);

/// <summary>An area's standardised incidence ratio O/E with its exact interval and two-sided p-value.</summary>
public sealed record StandardisedIncidenceRatio(string Fips, string Name, long Observed, double Expected, double Ratio,
    ConfidenceInterval Interval, double PValue);

/// <summary>
/// Indirect standardisation (Breslow and Day 1987, vol. II ch. 2): E = Σ_i n_i λ_i with λ_i the reference
/// (state) rate of age group i; SIR = O/E; O is Poisson with mean SIR·E, so the interval and p-value are
/// those of <c>poisson.test(O, E)</c>.
/// </summary>
public static class StandardisedIncidenceRatios
{
    /// <summary>Age-group rates d_i/n_i of the reference (0 where it has no person-years).</summary>
    public static double[] ReferenceRates(IReadOnlyList<long> cases, IReadOnlyList<double> populations)
    {
        if (cases.Count != populations.Count) throw new ArgumentException("Cases and populations need the same age groups.");
        return [.. cases.Select((d, i) => populations[i] > 0 ? d / populations[i] : 0)];
    }

    /// <summary>Expected count of an area at the reference rates.</summary>
    public static double Expected(IReadOnlyList<double> populations, IReadOnlyList<double> referenceRates)
    {
        if (populations.Count != referenceRates.Count) throw new ArgumentException("Populations and rates need the same age groups.");
        double e = 0;
        for (int i = 0; i < populations.Count; i++) e += populations[i] * referenceRates[i];
        return e;
    }

    /// <summary>SIR of each area against the reference rates; an area with E = 0 gets no SIR (NaN ratio, p 1).</summary>
    public static IReadOnlyList<StandardisedIncidenceRatio> Compute(IEnumerable<AreaAgeCounts> areas, IReadOnlyList<double> referenceRates,
        double confidenceLevel = 0.95) =>
        areas.Select(a =>
        {
            long o = a.Cases.Sum();
            double e = Expected(a.Populations, referenceRates);
            if (!(e > 0)) return new StandardisedIncidenceRatio(a.Fips, a.Name, o, e, double.NaN, new ConfidenceInterval(double.NaN, double.NaN), 1);
            return new StandardisedIncidenceRatio(a.Fips, a.Name, o, e, o / e, PoissonTest.RatioInterval(o, e, confidenceLevel), PoissonTest.TwoSidedP(o, e));
        }).ToList();
}
