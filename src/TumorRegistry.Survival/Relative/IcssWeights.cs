using System.Globalization;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Survival.Relative;

/// <summary>One age group of an ICSS standard: completed years [From, To] (To null = and older) and its weight.</summary>
public sealed record IcssAgeGroup(string Label, int From, int? To, double Weight)
{
    /// <summary>True if an exact age in years falls in the group (From ≤ age &lt; To + 1).</summary>
    public bool Contains(double ageYears) => ageYears >= From && (To is null || ageYears < To.Value + 1);
}

/// <summary>
/// The International Cancer Survival Standards (Corazziari, Quinn &amp; Capocaccia 2004), read from
/// reference/icss/icss-weights.csv, and which standard a SEER site recode takes (reference/icss/icss-sites.csv).
/// </summary>
public sealed class IcssWeights
{
    readonly Dictionary<int, IcssAgeGroup[]> _standards;
    readonly Dictionary<string, int> _bySite;

    IcssWeights(Dictionary<int, IcssAgeGroup[]> standards, Dictionary<string, int> bySite) { _standards = standards; _bySite = bySite; }

    /// <summary>The five age groups and weights of standard 1, 2 or 3.</summary>
    public IReadOnlyList<IcssAgeGroup> Standard(int standard) =>
        _standards.TryGetValue(standard, out var g) ? g : throw new ArgumentOutOfRangeException(nameof(standard), "ICSS standards are 1, 2 and 3.");

    /// <summary>The standard for a SEER site recode 2023 code (1 unless the table names another).</summary>
    public int StandardFor(string? siteRecode) => siteRecode is not null && _bySite.TryGetValue(siteRecode, out var s) ? s : 1;

    /// <summary>The standard for a set of site recodes: the one they share, else 1 (as for all sites combined).</summary>
    public int StandardFor(IEnumerable<string> siteRecodes)
    {
        var distinct = siteRecodes.Select(StandardFor).Distinct().ToArray();
        return distinct.Length == 1 ? distinct[0] : 1;
    }

    /// <summary>Loads the shipped tables (reference/icss beside the binaries).</summary>
    public static IcssWeights LoadShipped() => Load(Path.Combine(AppContext.BaseDirectory, "reference", "icss"));

    /// <summary>Loads icss-weights.csv and icss-sites.csv from a folder.</summary>
    public static IcssWeights Load(string folder)
    {
        var weights = File.ReadAllLines(Path.Combine(folder, "icss-weights.csv")).Skip(1).Where(l => l.Length > 0).Select(Csv.Split)
            .Select(f => (Standard: int.Parse(f[0], CultureInfo.InvariantCulture), Group: new IcssAgeGroup(f[1],
                int.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? null : int.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture))))
            .GroupBy(r => r.Standard).ToDictionary(g => g.Key, g => g.Select(r => r.Group).OrderBy(a => a.From).ToArray());
        foreach (var (standard, groups) in weights)
            if (Math.Abs(groups.Sum(g => g.Weight) - 1) > 1e-9) throw new FormatException($"ICSS standard {standard} weights do not sum to 1");
        var sites = File.ReadAllLines(Path.Combine(folder, "icss-sites.csv")).Skip(1).Where(l => l.Length > 0).Select(Csv.Split)
            .ToDictionary(f => f[0], f => int.Parse(f[1], CultureInfo.InvariantCulture));
        return new IcssWeights(weights, sites);
    }
}
