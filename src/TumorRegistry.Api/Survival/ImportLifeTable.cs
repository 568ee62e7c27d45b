using System.Text;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Api.Survival;

/// <summary>
/// POST /survival/life-tables?name=..&amp;description=..&amp;replace=false: the CSV (age,year,sex[,race],qx) is the request
/// body. A table missing any age/year/sex cell, or with a bad line, is refused whole (400 naming the line).
/// </summary>
public static class ImportLifeTable
{
    public static void MapImportLifeTable(this RouteGroupBuilder group) =>
        group.MapPost("/life-tables", async (HttpContext http, string? name, string? description, string? replace,
                LifeTableStore store, CancellationToken ct) =>
            {
                if (replace is not (null or "true" or "false"))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["replace"] = ["true or false."] });
                // The parser reads synchronously: buffer the body first so no synchronous I/O touches the request.
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body, ct);
                body.Position = 0;
                using var reader = new StreamReader(body, Encoding.UTF8);
                try
                {
                    var stored = await store.ImportAsync(name?.Trim()!, description, reader, replace == "true",
                        http.User.Identity?.Name, ct);
                    return Results.Created($"/survival/life-tables/{stored.Name}", stored);
                }
                catch (LifeTableImportException e)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] },
                        title: "The life table was not imported.");
                }
                catch (LifeTableExistsException e)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Life table exists.", detail: e.Message);
                }
            })
            .WithName("ImportLifeTable")
            .WithSummary("Import a population life table (CSV age,year,sex[,race],qx) for relative survival.")
            .Accepts<string>("text/csv")
            .Produces<LifeTableSummary>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
