using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Api.Incidence;

/// <summary>GET /populations/{id}/export?format=seer|csv: the stored population as a file (default: the format it came in).</summary>
public static class ExportPopulation
{
    public static void MapExportPopulation(this RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}/export", async (Guid id, string? format, PopulationStore store, CancellationToken ct) =>
            {
                var population = await store.FindAsync(id, ct);
                if (population is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No population {id}.");
                var fmt = (format ?? population.Format).Trim().ToLowerInvariant();
                if (!PopulationFormats.All.Contains(fmt))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["seer or csv."] });
                if (fmt == PopulationFormats.Seer && population.Format != PopulationFormats.Seer)
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["format"] = ["This population came from a CSV, which has no SEER registry, race and origin codes: export it as csv."],
                    });
                var text = new StringWriter();
                await store.WriteAsync(population, fmt, text, ct);
                return Results.Text(text.ToString(), fmt == PopulationFormats.Seer ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8");
            })
            .WithName("ExportPopulation").WithSummary("A stored population as a SEER population file (its original lines) or a CSV.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
