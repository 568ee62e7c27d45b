using TumorRegistry.Incidence.Areas;
using TumorRegistry.Incidence.Output;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>County SIRs (and optionally scan clusters) for every site group of a built county table, in csv, json or html.</summary>
public static class AreaStatisticsRendering
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "json", "html"];

    public static (string ContentType, string Text) Render(IncidenceOutcome.Built built, IncidenceSiteGroups sites, string format, ScanOptions? scan)
    {
        var table = built.Table;
        var stats = (table.Request.SiteGroups ?? []).Select(site => CountyAreaStatisticsBuilder.Build(table, built.Inputs.Counts, built.Inputs.Cells, site,
            sites.SexSpecific.TryGetValue(site, out var only) ? only : null, RegistryIncidence.Map, scan)).ToList();
        return format switch
        {
            "csv" => ("text/csv; charset=utf-8", AreaStatisticsWriter.ToCsv(stats)),
            "html" => ("text/html; charset=utf-8", AreaStatisticsWriter.ToHtml(stats, built.Title.Replace("Cancer incidence", "Standardised incidence ratios", StringComparison.Ordinal),
                RegistryIncidence.Map, built.Inputs.StateFips)),
            _ => ("application/json; charset=utf-8", AreaStatisticsWriter.ToJson(stats)),
        };
    }
}
