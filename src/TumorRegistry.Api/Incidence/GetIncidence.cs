using Microsoft.AspNetCore.Mvc;
using TumorRegistry.Infrastructure.Cohorts;
using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Api.Incidence;

/// <summary>
/// GET /incidence?state=NM&amp;from=2015&amp;to=2022&amp;area=county&amp;bySex=true&amp;byRace=false&amp;periods=pooled&amp;site=..
/// &amp;threshold=16&amp;standard=us2000&amp;format=json: an incidence table from the registry's cases and an imported population.
/// </summary>
public static class GetIncidence
{
    public const string PopulationHeader = "X-Population-Id";
    public const string ExcludedHeader = "X-Incidence-Excluded";

    public static void MapGetIncidence(this RouteGroupBuilder group) =>
        group.MapGet("/incidence", async (HttpContext http, string? state, string? from, string? to, string? area, string? bySex, string? byRace,
                string? periods, [FromQuery] string[]? site, string? threshold, string? standard, string? format, string? population,
                string? cohort, string? complementary, string? asOfSequence, RegistryIncidence incidence, SavedCohortStore cohorts, CancellationToken ct) =>
            {
                var query = new IncidenceParameters(state, from, to, area, bySex, byRace, periods, site, threshold, standard, format, population)
                    .Validate(incidence.SiteGroups, out var errors);
                if (query is null) return Results.ValidationProblem(errors, title: "The incidence request has invalid parameters.");
                if (asOfSequence is not null)
                {
                    if (!long.TryParse(asOfSequence, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["asOfSequence"] = ["An event sequence number (a report's X-Registry-Sequence)."] });
                    query = query with { AsOfSequence = seq };
                }
                if (complementary is not null)
                {
                    if (!bool.TryParse(complementary, out var on))
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["complementary"] = ["true or false."] });
                    query = query with { Complementary = on };
                }
                if (!string.IsNullOrWhiteSpace(cohort))
                {
                    // The same definition, parser and predicate as survival: the cohort's case IDs restrict the count.
                    var saved = await cohorts.FindAsync(cohort.Trim(), ct);
                    if (saved is null)
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["cohort"] = [$"No saved cohort named '{cohort.Trim()}'."] });
                    var (definition, cohortErrors) = cohorts.Resolve(saved.Definition);
                    if (definition is null) return Results.ValidationProblem(cohortErrors, title: "The saved cohort no longer parses.");
                    query = query with { Cohort = (saved.Name, saved.Version, await cohorts.CaseIdsAsync(definition, ct)) };
                }
                switch (await incidence.BuildAsync(query, ct))
                {
                    case IncidenceOutcome.NoPopulation none:
                        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No population for this table.", detail: none.Detail);
                    case IncidenceOutcome.Built built:
                        http.Response.Headers[PopulationHeader] = built.Population.Id.ToString();
                        // Counted tumors that no cell can hold: reported so a reader knows the rates leave them out.
                        http.Response.Headers[ExcludedHeader] =
                            $"unknown-age={built.Excluded.UnknownAge}; unknown-sex={built.Excluded.UnknownSex}; no-site-group={built.Excluded.NoSiteGroup}";
                        var (contentType, text) = IncidenceRendering.Render(built, query, incidence.SiteGroups);
                        foreach (var (name, value) in IncidenceRendering.Provenance(built, query).Headers()) http.Response.Headers[name] = value;
                        return Results.Text(text, contentType);
                    default:
                        throw new InvalidOperationException("Unmapped incidence outcome.");
                }
            })
            .WithName("GetIncidence")
            .WithSummary("Incidence table (crude and age-adjusted rates, intervals, trend, suppression) as json, csv, html or svg.")
            .WithDescription("state: postal code; from/to: diagnosis years; area: county|state; bySex, byRace: true|false; " +
                "periods: pooled|single|single-and-pooled; site: SEER site recode 2023 group names or codes (repeat or comma-separate; " +
                "'All Sites'); threshold: suppress counts below it (16); standard: us2000|us2000-18; format: json|csv|html|svg " +
                "(svg: bar chart of one site); population: id of an imported population (default: newest covering the state); " +
                "cohort: a saved cohort's name; complementary: false to hide only counts below the threshold (US Cancer Statistics practice); " +
                "asOfSequence: count as the registry stood after that event sequence number.")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html", "image/svg+xml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
