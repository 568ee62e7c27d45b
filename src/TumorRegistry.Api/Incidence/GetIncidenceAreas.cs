using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using TumorRegistry.Incidence.Areas;
using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Api.Incidence;

/// <summary>
/// GET /incidence/areas?state=NM&amp;from=2015&amp;to=2022&amp;site=..&amp;scan=true&amp;replications=999&amp;seed=1&amp;format=json:
/// county standardised incidence ratios against the state and, with scan=true, Kulldorff's spatial scan clusters; the
/// same figures as `tumorregistry incidence --sir [--scan]`.
/// </summary>
public static class GetIncidenceAreas
{
    public static void MapGetIncidenceAreas(this RouteGroupBuilder group) =>
        group.MapGet("/incidence/areas", async (HttpContext http, string? state, string? from, string? to, string? bySex, string? byRace,
                string? periods, [FromQuery] string[]? site, string? threshold, string? standard, string? format, string? population,
                string? scan, string? replications, string? seed, RegistryIncidence incidence, CancellationToken ct) =>
            {
                var query = new IncidenceParameters(state, from, to, "county", bySex, byRace, periods, site, threshold, standard,
                        format ?? "json", population).Validate(incidence.SiteGroups, out var errors);
                if (query is not null && !AreaStatisticsRendering.Formats.Contains(query.Format)) errors["format"] = ["csv, json or html."];
                var withScan = scan is "true" or "1";
                var reps = Int(replications, 999, "replications", 1, 99_999, errors);
                var rngSeed = Int(seed, 1, "seed", int.MinValue, int.MaxValue, errors);
                if (query is null || errors.Count > 0) return Results.ValidationProblem(errors, title: "The area request has invalid parameters.");
                switch (await incidence.BuildAsync(query, ct))
                {
                    case IncidenceOutcome.NoPopulation none:
                        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No population for this table.", detail: none.Detail);
                    case IncidenceOutcome.Built built:
                        http.Response.Headers[GetIncidence.PopulationHeader] = built.Population.Id.ToString();
                        var (contentType, text) = AreaStatisticsRendering.Render(built, incidence.SiteGroups, query.Format,
                            withScan ? new ScanOptions { Replications = reps, Seed = rngSeed } : null);
                        return Results.Text(text, contentType);
                    default:
                        throw new InvalidOperationException("Unmapped incidence outcome.");
                }
            })
            .WithName("GetIncidenceAreas")
            .WithSummary("County standardised incidence ratios (exact Poisson intervals) and, with scan=true, spatial scan clusters.")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static int Int(string? text, int fallback, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        errors[name] = [$"A whole number from {min} to {max}."];
        return fallback;
    }
}
