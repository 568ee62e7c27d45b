using TumorRegistry.Infrastructure.Cohorts;

namespace TumorRegistry.Api.Cohorts;

/// <summary>The body of POST /cohorts: a name, a description and the cohort parameters (site, stage, age, ...).</summary>
public sealed record SaveCohortBody(string? Name, string? Description, Dictionary<string, string>? Definition);

/// <summary>
/// POST /cohorts[?replace=true]: saves a named cohort definition, checked by the survival reports' own parser (400 naming
/// the parameter, e.g. <c>definition.stage</c>); an existing name is 409 unless replaced (its version goes up by one).
/// </summary>
public static class SaveCohort
{
    public static void MapSaveCohort(this RouteGroupBuilder group) =>
        group.MapPost("", async (HttpContext http, SaveCohortBody body, string? replace, SavedCohortStore store, TimeProvider? clock,
                CancellationToken ct) =>
            {
                if (replace is not (null or "true" or "false"))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["replace"] = ["true or false."] });
                if (body.Definition is null || body.Definition.Count == 0)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = ["Give at least one cohort parameter."] });
                try
                {
                    var saved = await store.SaveAsync(body.Name?.Trim()!, body.Description, body.Definition, http.User.Identity?.Name ?? "",
                        (clock ?? TimeProvider.System).GetUtcNow(), replace == "true", ct);
                    return Results.Created($"/cohorts/{saved.Name}", saved);
                }
                catch (SavedCohortException e)
                {
                    return Results.ValidationProblem(e.Errors.ToDictionary(), title: "The cohort was not saved.");
                }
                catch (SavedCohortExistsException e)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cohort exists.", detail: e.Message);
                }
            })
            .WithName("SaveCohort")
            .WithSummary("Save a named cohort definition (site, histology, behavior, stage, age, sex, race, years, facility, state, county, vitalStatus).")
            .Produces<SavedCohort>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
