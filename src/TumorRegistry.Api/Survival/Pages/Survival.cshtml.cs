using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Web;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Api.Survival.Pages;

/// <summary>
/// A cohort (site, stage, sex, years, ...) and its strata, as GET /survival/observed|cause-specific reads them: the
/// Kaplan-Meier plot (the report's own SVG) and its table, with the CSV as the download. Aggregates only.
/// </summary>
public sealed class SurvivalModel(SurvivalReports reports, StratumLabels labels, RegistryIncidence incidence, TimeProvider clock) : PageModel
{
    public static readonly string[] Fields = ["site", "stage", "sex", "age", "years", "facility", "county", "cutoff"];
    public static readonly IReadOnlyList<string> Strata = Enum.GetValues<Stratification>()
        .Select(s => s == Stratification.AgeGroup ? "age" : s.ToString().ToLowerInvariant()).ToList();

    public Dictionary<string, string> Values { get; } = [];
    public string Kind { get; private set; } = "observed";
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Svg { get; private set; }
    public CsvTable? Table { get; private set; }
    public int CasesRead { get; private set; }
    public string? CsvLink { get; private set; }
    public IReadOnlyList<string> SiteGroups => incidence.SiteGroups.Names;

    public async Task OnGetAsync(string? kind, string? stratify, string? run)
    {
        Kind = kind == "cause-specific" ? "cause-specific" : "observed";
        foreach (var f in Fields.Append("stratify")) Values[f] = Request.Query[f].ToString().Trim();
        if (run is null) return;
        var given = Values.Where(v => v.Value.Length > 0).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var reportKind = Kind == "observed" ? SurvivalReportKind.Observed : SurvivalReportKind.CauseSpecific;
        var (request, errors) = SurvivalRequest.Parse(reportKind, given.Append(new("format", "svg")).Append(new("title", Title())), labels, today);
        if (request is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        // The cohort is read and estimated once; the plot and the table behind it come from the same estimate.
        var cases = await reports.ReadCasesAsync(request.Cohort, ct: HttpContext.RequestAborted);
        CasesRead = cases.Count;
        var (svg, csv) = SurvivalReports.PlotAndTable(request, cases);
        Svg = svg;
        Table = CsvTable.Parse(csv);
        CsvLink = $"/survival/{Kind}" + QueryString.Create(given.Append(new("format", "csv")));
    }

    private string Title() => (Kind == "observed" ? "Observed survival" : "Cause-specific survival")
        + (Values["stratify"] is { Length: > 0 } s && s != "none" ? " by " + s : "");
}
