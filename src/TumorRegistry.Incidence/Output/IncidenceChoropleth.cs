using TumorRegistry.Incidence.Geography;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Output;

/// <summary>The age-adjusted rate by county of one table block (site, sex, race, period) as a choropleth.</summary>
public static class IncidenceChoropleth
{
    /// <summary>Null when the table has no county rows for the block.</summary>
    public static string? ToSvg(IncidenceTable table, CountyMap map, string siteGroup, string sex = IncidenceTable.BothSexes,
        string raceEthnicity = RaceEthnicity.AllRaces, string? period = null)
    {
        var rows = table.Rows.Where(r => r.SiteGroup == siteGroup && r.Sex == sex && r.RaceEthnicity == raceEthnicity).ToList();
        period ??= rows.FirstOrDefault()?.Period;
        rows = rows.Where(r => r.Period == period).ToList();
        var state = rows.FirstOrDefault(r => r.IsAreaTotal);
        var counties = rows.Where(r => !r.IsAreaTotal && r.AreaFips.Length == 5).ToList();
        if (state is null || counties.Count == 0) return null;
        var areas = counties.Select(r => new ChoroplethArea(r.AreaFips, r.AreaName, r.AgeAdjustedRate,
            r.Suppression != SuppressionMark.None)).ToList();
        return Choropleth.ToSvg(map, state.AreaFips, areas, $"{siteGroup}, {sex}, {raceEthnicity}, {period}",
            $"Age-adjusted rate per {table.Request.PerPopulation:N0}", $"Suppressed (< {table.Request.SuppressionThreshold} cases, or complementary)");
    }

    /// <summary>The blocks a report maps: per site group, all races, its first sex shown and its widest period.</summary>
    public static IEnumerable<(string Site, string Sex, string Period)> MappedBlocks(IncidenceTable table) =>
        table.Rows.Where(r => r.RaceEthnicity == RaceEthnicity.AllRaces && !r.IsAreaTotal)
            .GroupBy(r => r.SiteGroup)
            .Select(g =>
            {
                var sex = g.Any(r => r.Sex == IncidenceTable.BothSexes) ? IncidenceTable.BothSexes : g.First().Sex;
                var period = g.Where(r => r.Sex == sex).MaxBy(r => r.LastYear - r.FirstYear)!.Period;
                return (g.Key, sex, period);
            });
}
