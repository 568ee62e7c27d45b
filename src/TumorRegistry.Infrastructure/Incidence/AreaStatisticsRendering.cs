using TumorRegistry.Incidence.Areas;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>County SIRs (and optionally scan clusters) for every site group of a built county table, in csv, json or html.</summary>
public static class AreaStatisticsRendering
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "json", "html"];

    public static (string ContentType, string Text) Render(IncidenceOutcome.Built built, IncidenceSiteGroups sites, string format, ScanOptions? scan)
    {
        var table = built.Table;
        // A sex-specific site has its one sex; with bySex the others get both sexes, then male and female, each
        // standardised against the state's rates of that sex (SIR by sex).
        IEnumerable<Sex?> SexesOf(string site) => sites.SexSpecific.TryGetValue(site, out var only) ? [only]
            : table.Request.BySex ? [null, Sex.Male, Sex.Female] : [null];
        var stats = (table.Request.SiteGroups ?? []).SelectMany(site => SexesOf(site).Select(sex => CountyAreaStatisticsBuilder.Build(table,
            built.Inputs.Counts, built.Inputs.Cells, site, sex, RegistryIncidence.Map, scan))).ToList();
        return format switch
        {
            "csv" => ("text/csv; charset=utf-8", AreaStatisticsWriter.ToCsv(stats)),
            "html" => ("text/html; charset=utf-8", AreaStatisticsWriter.ToHtml(stats, built.Title.Replace("Cancer incidence", "Standardised incidence ratios", StringComparison.Ordinal),
                RegistryIncidence.Map, built.Inputs.StateFips)),
            _ => ("application/json; charset=utf-8", AreaStatisticsWriter.ToJson(stats)),
        };
    }
}
