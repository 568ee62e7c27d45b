using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>A built table in the requested format, with its media type (shared by the web API and the CLI).</summary>
public static class IncidenceRendering
{
    public static (string ContentType, string Text) Render(IncidenceOutcome.Built built, IncidenceQuery q, IncidenceSiteGroups sites)
    {
        var table = built.Table;
        switch (q.Format)
        {
            case "csv":
                var csv = new StringWriter();
                IncidenceCsvWriter.Write(csv, table);
                return ("text/csv; charset=utf-8", csv.ToString());
            case "html":
                return ("text/html; charset=utf-8", IncidenceHtmlWriter.ToHtml(table, built.Title, RegistryIncidence.Map));
            case "svg":
                var site = q.Sites![0];
                // A sex-specific site has rows for its one sex only.
                var sex = sites.SexSpecific.TryGetValue(site, out var only) ? only.ToString() : IncidenceTable.BothSexes;
                return ("image/svg+xml", IncidenceBarChart.ToSvg(table, site, sex));
            default:
                return ("application/json; charset=utf-8", IncidenceJsonWriter.ToJson(table));
        }
    }
}
