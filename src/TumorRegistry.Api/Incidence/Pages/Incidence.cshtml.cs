using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Api.Incidence.Pages;

/// <summary>
/// Incidence by county (GET /incidence's table): county names, age-adjusted rates with intervals, suppression marks, the
/// county map of the first site group, and the CSV of the same query to download. Aggregates only.
/// </summary>
public sealed class IncidenceModel(RegistryIncidence incidence) : PageModel
{
    public string State { get; private set; } = "";
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Site { get; private set; } = IncidenceSiteGroups.AllSites;
    public bool BySex { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public IncidenceTable? Table { get; private set; }
    public string? MapSvg { get; private set; }
    public string? CsvLink { get; private set; }
    public IReadOnlyList<string> SiteGroups => incidence.SiteGroups.Names;

    public async Task OnGetAsync(string? state, string? from, string? to, string? site, string? bySex, string? run)
    {
        var ct = HttpContext.RequestAborted;
        // The form starts from the newest population imported: its state and years.
        var latest = (await incidence.Populations.ListAsync(ct)).OrderByDescending(p => p.ImportedAt).FirstOrDefault();
        State = state?.Trim() ?? latest?.States.FirstOrDefault() ?? "";
        From = from?.Trim() ?? latest?.FirstYear?.ToString() ?? "";
        To = to?.Trim() ?? latest?.LastYear?.ToString() ?? "";
        Site = string.IsNullOrWhiteSpace(site) ? IncidenceSiteGroups.AllSites : site.Trim();
        BySex = bySex is "true" or "on";
        if (run is null) return;
        var parameters = new IncidenceParameters(State, From, To, "county", BySex ? "true" : "false", "false", "pooled", [Site], Format: "json");
        var query = parameters.Validate(incidence.SiteGroups, out var errors);
        if (query is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        switch (await incidence.BuildAsync(query, ct))
        {
            case IncidenceOutcome.NoPopulation none:
                Problem = none.Detail;
                Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            case IncidenceOutcome.Built built:
                Table = built.Table;
                var block = IncidenceChoropleth.MappedBlocks(built.Table).FirstOrDefault();
                if (block != default) MapSvg = IncidenceChoropleth.ToSvg(built.Table, RegistryIncidence.Map, block.Site, block.Sex, period: block.Period);
                CsvLink = "/incidence" + QueryString.Create(new Dictionary<string, string?>
                    { ["state"] = State, ["from"] = From, ["to"] = To, ["area"] = "county", ["bySex"] = BySex ? "true" : "false", ["site"] = Site, ["format"] = "csv" });
                return;
        }
    }

    public static string Cell(IncidenceRow r, string text) => r.Suppression != SuppressionMark.None ? IncidenceFormat.SuppressedMark : text;
}
