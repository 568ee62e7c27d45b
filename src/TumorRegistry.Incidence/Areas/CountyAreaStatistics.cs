using TumorRegistry.Incidence.Geography;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Areas;

/// <summary>A county's SIR and whether the incidence table hides its count (then the SIR, which reveals it, is hidden too).</summary>
public sealed record CountySir(StandardisedIncidenceRatio Sir, SuppressionMark Suppression);

/// <summary>SIRs of one site group's counties against the state, and the scan over them.</summary>
public sealed record CountyAreaStatistics(string SiteGroup, string Sex, string Period, IReadOnlyList<CountySir> Sirs, ScanResult? Scan,
    int SuppressionThreshold);

/// <summary>
/// County SIRs and the spatial scan from the same counts and populations as an incidence table: pooled years, all
/// races, both sexes (or the site's one sex), indirectly standardised by the 19 age groups against the whole state
/// (including cases whose county is unknown). Suppression follows the table's row for the county.
/// </summary>
public static class CountyAreaStatisticsBuilder
{
    /// <summary>Builds the SIRs; with <paramref name="map"/> and <paramref name="scan"/> also runs the scan over county centroids.</summary>
    public static CountyAreaStatistics Build(IncidenceTable table, IEnumerable<CaseCount> counts, IEnumerable<PopulationCell> cells,
        string siteGroup, Sex? onlySex = null, CountyMap? map = null, ScanOptions? scan = null)
    {
        var q = table.Request;
        bool Keep(Sex s, int year) => (onlySex is null || s == onlySex) && year >= q.FirstYear && year <= q.LastYear;
        var cases = counts.Where(c => c.SiteGroup == siteGroup && Keep(c.Sex, c.Year) && c.AgeGroup is >= 0 and < 19).ToList();
        var pops = cells.Where(c => Keep(c.Sex, c.Year) && c.AgeGroup is >= 0 and < 19).ToList();
        var stateCases = new long[19];
        var statePop = new double[19];
        foreach (var c in cases) stateCases[c.AgeGroup] += c.Count;
        foreach (var p in pops) statePop[p.AgeGroup] += p.Population;
        var rates = StandardisedIncidenceRatios.ReferenceRates(stateCases, statePop);

        string sex = onlySex?.ToString() ?? IncidenceTable.BothSexes;
        string period = q.FirstYear == q.LastYear ? $"{q.FirstYear}" : $"{q.FirstYear}-{q.LastYear}";
        var rows = table.Rows.Where(r => r.SiteGroup == siteGroup && r.Sex == sex && r.RaceEthnicity == RaceEthnicity.AllRaces && r.Period == period)
            .ToDictionary(r => r.AreaFips);
        var casesByCounty = cases.ToLookup(c => c.CountyFips);
        var popsByCounty = pops.ToLookup(p => p.CountyFips);
        var areas = pops.Select(p => p.CountyFips).Where(f => f.Length == 5).Distinct().Order(StringComparer.Ordinal).Select(fips =>
        {
            var o = new long[19];
            var n = new double[19];
            foreach (var c in casesByCounty[fips]) o[c.AgeGroup] += c.Count;
            foreach (var p in popsByCounty[fips]) n[p.AgeGroup] += p.Population;
            return new AreaAgeCounts(fips, q.AreaNames.GetValueOrDefault(fips, fips), o, n);
        }).ToList();
        var sirs = StandardisedIncidenceRatios.Compute(areas, rates, q.ConfidenceLevel)
            .Select(s => new CountySir(s, rows.TryGetValue(s.Fips, out var r) ? r.Suppression : SuppressionMark.Primary)).ToList();

        ScanResult? result = null;
        if (map is not null && scan is not null)
        {
            var locations = sirs.Select(s => (s.Sir, Feature: map.County(s.Sir.Fips))).Where(x => x.Feature is not null && x.Sir.Expected > 0)
                .Select(x => { var c = MapGeometry.Centroid(x.Feature!); return new ScanLocation(x.Sir.Fips, x.Sir.Name, c.X, c.Y, x.Sir.Observed, x.Sir.Expected); })
                .ToList();
            result = SpatialScan.Run(locations, scan);
        }
        return new CountyAreaStatistics(siteGroup, sex, period, sirs, result, q.SuppressionThreshold);
    }
}
