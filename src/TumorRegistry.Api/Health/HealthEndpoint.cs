using Npgsql;

namespace TumorRegistry.Api.Health;

public static class HealthEndpoint
{
    public sealed record HealthReport(string Status, string Database, int SchemaVersion);

    /// <summary>GET /health: 200 when the database answers, 503 when it does not.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using var cmd = db.CreateCommand("select coalesce(max(number), 0) from schema_migrations");
                var version = (int)(await cmd.ExecuteScalarAsync(ct))!;
                return Results.Ok(new HealthReport("healthy", "reachable", version));
            }
            catch (NpgsqlException)
            {
                return Results.Json(new HealthReport("unhealthy", "unreachable", 0), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health");
}
