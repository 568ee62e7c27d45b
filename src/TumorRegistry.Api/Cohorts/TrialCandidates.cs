using TumorRegistry.Api.Security;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Infrastructure.Cohorts;

namespace TumorRegistry.Api.Cohorts;

/// <summary>
/// GET /cohorts/{name}/trial-candidates[?facility=..]: living patients whose tumors meet the saved cohort's criteria, each
/// with the items that met them. Identified data: registrars and managers only, every candidate audited; a principal
/// who does not hold every facility sees the candidates of the facility named (or the one held).
/// </summary>
public static class TrialCandidates
{
    public static void MapTrialCandidates(this RouteGroupBuilder group) =>
        group.MapGet("/{name}/trial-candidates", async (HttpContext http, string name, string? facility, SavedCohortStore store,
                TrialScreening screening, CancellationToken ct) =>
            {
                var saved = await store.FindAsync(name, ct);
                if (saved is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cohort.");
                var (cohort, errors) = store.Resolve(saved.Definition);
                if (cohort is null) return Results.ValidationProblem(errors, title: "The saved cohort no longer parses.");
                // The facility middleware has already checked (or filled in) facility for a principal of some facilities.
                IReadOnlyList<string>? held = !string.IsNullOrWhiteSpace(facility) ? [facility.Trim()]
                    : http.User.HoldsAllFacilities() ? null : http.User.Facilities();
                var candidates = await screening.ScreenAsync(saved, cohort, held, ct);
                PhiAuditMiddleware.Listed(http, candidates.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
                return Results.Ok(new { cohort = saved.Name, version = saved.Version, definition = saved.Definition, candidates });
            })
            .WithName("TrialCandidates")
            .WithSummary("Clinical trial screening: living patients meeting a saved cohort's criteria, with the matching items (identified).")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
