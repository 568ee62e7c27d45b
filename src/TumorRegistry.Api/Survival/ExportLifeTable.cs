using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Api.Survival;

/// <summary>GET /survival/life-tables/{name}: the stored table as the CSV it can be imported from.</summary>
public static class ExportLifeTable
{
    public static void MapExportLifeTable(this RouteGroupBuilder group) =>
        group.MapGet("/life-tables/{name}", async (string name, LifeTableStore store, CancellationToken ct) =>
                await store.ExportCsvAsync(name, ct) is { } csv
                    ? Results.Text(csv, "text/csv; charset=utf-8")
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No life table named '{name}'."))
            .WithName("ExportLifeTable")
            .WithSummary("A stored population life table as CSV.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
