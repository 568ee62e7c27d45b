using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Api.Survival;

/// <summary>GET /survival/life-tables: the imported population life tables with their ages, years and sexes.</summary>
public static class ListLifeTables
{
    public static void MapListLifeTables(this RouteGroupBuilder group) =>
        group.MapGet("/life-tables", async (LifeTableStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct: ct)))
            .WithName("ListLifeTables")
            .WithSummary("Imported population life tables.")
            .Produces<IReadOnlyList<LifeTableSummary>>();
}
