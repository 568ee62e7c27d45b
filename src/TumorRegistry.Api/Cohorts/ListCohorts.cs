using TumorRegistry.Infrastructure.Cohorts;

namespace TumorRegistry.Api.Cohorts;

/// <summary>GET /cohorts and GET /cohorts/{name}: the saved definitions (criteria only, no cases).</summary>
public static class ListCohorts
{
    public static void MapListCohorts(this RouteGroupBuilder group)
    {
        group.MapGet("", async (SavedCohortStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct)))
            .WithName("ListCohorts").WithSummary("The saved cohorts.")
            .Produces<IReadOnlyList<SavedCohort>>();
        group.MapGet("/{name}", async (string name, SavedCohortStore store, CancellationToken ct) =>
                await store.FindAsync(name, ct) is { } c ? Results.Ok(c)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such cohort."))
            .WithName("GetCohort").WithSummary("One saved cohort's definition.")
            .Produces<SavedCohort>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
