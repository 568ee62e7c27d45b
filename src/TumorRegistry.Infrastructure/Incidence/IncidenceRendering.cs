using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>A built table in the requested format, with its media type (shared by the web API and the CLI).</summary>
public static class IncidenceRendering
{
    /// <summary>The marker before the provenance member added to the library's JSON table (the rest stays byte for byte as written).</summary>
    public const string ProvenanceMember = ",\n  \"provenance\": ";

    /// <summary>Appends a provenance member to the table's JSON object without rewriting the table.</summary>
    public static string WithProvenance(string json, Reports.ReportProvenance provenance)
    {
        int end = json.LastIndexOf('}');
        return json[..end].TrimEnd() + ProvenanceMember + provenance.ToJson().ToJsonString() + "\n}" + json[(end + 1)..];
    }

    /// <summary>What the table was computed from: registry state, filters, methods, software (JSON body and headers).</summary>
    public static Reports.ReportProvenance Provenance(IncidenceOutcome.Built built, IncidenceQuery q) => new(built.Sequence, built.Replayed, null, null, null,
        $"cases: residents at diagnosis, malignant plus in situ bladder, duplicates out; diagnosis years {q.FirstYear}-{q.LastYear}; " +
        $"sites: {(q.Sites is null ? "all" : string.Join(", ", q.Sites))}; population {built.Population.Id}; " +
        $"age-adjusted to {q.Standard} (Tiwari gamma intervals); counts below {q.Threshold} suppressed" +
        (q.Complementary ? ", complementary suppression (a both-sexes total hidden before a sex)" : ", no complementary suppression"),
        q.Cohort is { } c ? $"{c.Name} (version {c.Version}, {c.CaseIds.Count} cases)" : null);

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
                return ("application/json; charset=utf-8", WithProvenance(IncidenceJsonWriter.ToJson(table), Provenance(built, q)));
        }
    }
}
