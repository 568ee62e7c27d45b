using Microsoft.AspNetCore.Mvc;
using TumorRegistry.Infrastructure.Cohorts;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Api.Survival;

/// <summary>
/// GET /survival/observed|cause-specific|life-table|conditional|relative?site=..&amp;stage=..&amp;stratify=stage&amp;cutoff=..&amp;format=..:
/// survival of a cohort of registry cases (duplicates left out), with the excluded cases counted by reason.
/// </summary>
public static class GetSurvivalReports
{
    public static void MapGetSurvivalReports(this RouteGroupBuilder group)
    {
        Map(group, "/observed", SurvivalReportKind.Observed, "Observed (all-cause) survival: Kaplan-Meier per group with Greenwood CIs, quantiles and the log-rank test.");
        Map(group, "/cause-specific", SurvivalReportKind.CauseSpecific, "Cause-specific survival (SEER cause-specific death classification): other deaths censored, unknown causes excluded.");
        Map(group, "/life-table", SurvivalReportKind.LifeTable, "Actuarial (Cutler-Ederer) life table per group, yearly or monthly intervals of survival months.");
        Map(group, "/conditional", SurvivalReportKind.Conditional, "Conditional survival S(survived + additional | survived) per group.");
        Map(group, "/relative", SurvivalReportKind.Relative, "Relative (Ederer II) or net (Pohar Perme) survival against an imported population life table.");
    }

    public const string CasesReadHeader = "X-Survival-Cases-Read";
    public const string ExcludedHeader = "X-Survival-Excluded";

    static void Map(RouteGroupBuilder group, string path, SurvivalReportKind kind, string summary) =>
        group.MapGet(path, async (HttpContext http, [AsParameters] SurvivalQueryParameters _, SurvivalReports reports,
                StratumLabels labels, SavedCohortStore cohorts, [FromServices] TimeProvider? clock, CancellationToken ct) =>
            {
                // The raw query is parsed (not the bound object) so misspelt parameters are refused, not ignored.
                var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
                var (parameters, saved, cohortErrors) = await cohorts.ExpandAsync(
                    http.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())), ct);
                if (cohortErrors.Count > 0) return Results.ValidationProblem(cohortErrors, title: "The survival request has invalid parameters.");
                var (request, errors) = SurvivalRequest.Parse(kind, parameters, labels, today);
                if (request is null) return Results.ValidationProblem(errors, title: "The survival request has invalid parameters.");
                if (saved is not null) request = request with { SavedCohort = $"{saved.Name} (version {saved.Version})" };
                try
                {
                    var report = await reports.RunAsync(request, ct);
                    // CSV and SVG have no place for them: the counts travel as headers in every format.
                    http.Response.Headers[CasesReadHeader] = report.CasesRead.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    http.Response.Headers[ExcludedHeader] = string.Join("; ", report.Exclusions.OrderBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => $"{p.Key}={p.Value}"));
                    foreach (var (name, value) in report.Provenance?.Headers() ?? []) http.Response.Headers[name] = value;
                    return Results.Text(report.Body, report.ContentType + "; charset=utf-8");
                }
                catch (SurvivalParameterException e)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] },
                        title: "The survival request has invalid parameters.");
                }
            })
            .WithName("Survival" + kind)
            .WithSummary(summary)
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv", "image/svg+xml", "text/html")
            .ProducesValidationProblem();
}
