using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Incidence.Tables;

/// <summary>A made-up site group for demo case counts: rate per 100,000 at age 70 and which sexes get it.</summary>
/// <param name="SiteGroup">Label.</param>
/// <param name="RateAt70">Incidence per 100,000 per year around age 70; rates rise with age.</param>
/// <param name="OnlySex">Set for sex-specific sites.</param>
/// <param name="AnnualChange">Relative change per year (0.01 = +1%/year).</param>
public sealed record SyntheticSite(string SiteGroup, double RateAt70, Sex? OnlySex = null, double AnnualChange = 0);

/// <summary>Deterministic Poisson case counts over population cells, for demos and benchmarks (never real data).</summary>
public static class SyntheticCases
{
    /// <summary>Demo sites loosely shaped like common cancers.</summary>
    public static IReadOnlyList<SyntheticSite> DemoSites { get; } =
    [
        new("Lung and Bronchus", 330, AnnualChange: -0.02),
        new("Colon and Rectum", 190, AnnualChange: -0.01),
        new("Female Breast", 420, Sex.Female, 0.005),
        new("Prostate", 600, Sex.Male, 0.01),
        new("Melanoma of the Skin", 90, AnnualChange: 0.02),
    ];

    /// <summary>Draws counts for every population cell and site.</summary>
    public static IReadOnlyList<CaseCount> Generate(IEnumerable<PopulationCell> populations, IReadOnlyList<SyntheticSite>? sites = null, int seed = 2026)
    {
        sites ??= DemoSites;
        var random = new Random(seed);
        var cases = new List<CaseCount>();
        var cells = populations.OrderBy(p => p.CountyFips, StringComparer.Ordinal).ThenBy(p => p.Year).ThenBy(p => p.Sex)
            .ThenBy(p => p.RaceEthnicity, StringComparer.Ordinal).ThenBy(p => p.AgeGroup);
        foreach (var p in cells)
            foreach (var site in sites)
            {
                if (site.OnlySex is Sex only && only != p.Sex) continue;
                double age = SeerAgeGroups.LowestAge(p.AgeGroup) + 2;
                double rate = site.RateAt70 / 1e5 * Math.Exp(0.075 * (age - 70)) * Math.Pow(1 + site.AnnualChange, p.Year - 2015);
                long n = Poisson(random, rate * p.Population);
                if (n > 0) cases.Add(new CaseCount(p.CountyFips, site.SiteGroup, p.Sex, p.RaceEthnicity, p.Year, p.AgeGroup, n));
            }
        return cases;
    }

    // Knuth's method for small means, a rounded normal approximation for large ones.
    static long Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (long)Math.Round(mean + Math.Sqrt(mean) * z));
        }
        double limit = Math.Exp(-mean), product = random.NextDouble();
        long k = 0;
        while (product > limit) { k++; product *= random.NextDouble(); }
        return k;
    }
}
