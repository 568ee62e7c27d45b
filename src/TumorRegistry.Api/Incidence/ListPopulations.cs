using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Api.Incidence;

/// <summary>GET /populations: imported populations, newest first.</summary>
public static class ListPopulations
{
    public static void MapListPopulations(this RouteGroupBuilder group) =>
        group.MapGet("", async (PopulationStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct)))
            .WithName("ListPopulations").WithSummary("Imported populations, newest first.")
            .Produces<IReadOnlyList<PopulationSummary>>();
}
