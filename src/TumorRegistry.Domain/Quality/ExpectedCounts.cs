using System.Globalization;
using TumorRegistry.Standards.Codes;

namespace TumorRegistry.Domain.Quality;

/// <summary>A reference incidence rate: cases per 100,000 per year for a site group, sex (1 male, 2 female) and SEER age group (0-18).</summary>
public sealed record ReferenceRate(string Site, int Sex, int AgeGroup, double RatePer100000);

/// <summary>The registry's own population (the imported denominators) for a year, sex and SEER age group.</summary>
public sealed record PopulationStratum(int Year, int Sex, int AgeGroup, long Population);

/// <summary>
/// Expected case counts for completeness: each reference rate times the registry's person-years of the same sex and age
/// group, summed (indirect standardisation). Sites come from the rate table: "All Sites" rows expect every counted case.
/// </summary>
public static class ExpectedCounts
{
    public const string AllSites = "All Sites";

    public static IReadOnlyList<ReferenceRate> Parse(TextReader reader)
    {
        var list = new List<ReferenceRate>();
        var line = 1;
        foreach (var row in Csv.ReadWithHeader(reader))
        {
            line++;
            if (row["sex"] is not ("1" or "2")
                || !int.TryParse(row["age_group"], NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > 18
                || !double.TryParse(row["rate_per_100000"], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 0
                || string.IsNullOrWhiteSpace(row["site"]))
                throw new FormatException($"reference rates row {line}: site, sex 1 or 2, age_group 00-18 and a rate of at least 0.");
            list.Add(new ReferenceRate(row["site"].Trim(), row["sex"][0] - '0', age, rate));
        }
        return list;
    }

    /// <summary>Expected cases per site group of the rate table.</summary>
    public static IReadOnlyDictionary<string, double> BySite(IEnumerable<ReferenceRate> rates, IEnumerable<PopulationStratum> population)
    {
        var personYears = population.GroupBy(p => (p.Sex, p.AgeGroup)).ToDictionary(g => g.Key, g => g.Sum(p => (double)p.Population));
        return rates.GroupBy(r => r.Site, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.Sum(r => r.RatePer100000 * personYears.GetValueOrDefault((r.Sex, r.AgeGroup)) / 100_000), StringComparer.Ordinal);
    }

    /// <summary>The records the expected count is compared with: counted cases in the table's site groups (all of them for "All Sites").</summary>
    public static int Observed(IEnumerable<QualityRecord> records, IReadOnlyCollection<string> sites) =>
        records.Count(r => r.Counted && (sites.Contains(AllSites) || (r.SiteGroup is { } s && sites.Contains(s))));
}
