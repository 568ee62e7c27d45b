using System.Text.Json;
using Hangfire;
using Npgsql;
using TumorRegistry.Api.Jobs;
using TumorRegistry.Api.Security;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Standards;

namespace TumorRegistry.Api.Exchange;

/// <summary>
/// POST /exports/naaccr (identified data: registrars and managers, narrowed to their facilities) and
/// POST /exports/deidentified (the statistics roles) queue an export on Hangfire; GET /exports/{id} polls it and
/// GET /exports/{id}/file downloads it once completed. Only who asked for an export sees it (404 for anyone else).
/// </summary>
public static class ExportNaaccr
{
    /// <summary>What a client posts; every field optional (the whole registry as v25 XML, record type A).</summary>
    /// <remarks>UserItems false leaves out the items of the registry's user dictionaries (a receiver without them).</remarks>
    public sealed record ExportBody(NaaccrCohort? Cohort, string? Version, string? RecordType, string? Format, string[]? Items, bool? Gzip,
        bool? UserItems = null);

    public sealed record ExportStatus(Guid ExportId, string Status, bool Deidentified, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt,
        int? Patients, int? Tumors, string? FileName, string? Error, string? Download);

    internal sealed record StoredRequest(ExportBody Body, bool Deidentified, string[]? AllowedFacilities);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddSingleton(p => new NaaccrExporter(p.GetRequiredService<NpgsqlDataSource>(), NaaccrStandards.Default,
            RegistryIdentity(p.GetRequiredService<IConfiguration>()), p.GetRequiredService<NaaccrUserDictionaryStore>()));
        services.AddScoped<NaaccrExportJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/exports/naaccr", (HttpContext http, ExportBody? body, NaaccrExporter exporter, NpgsqlDataSource db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<NaaccrExportJob> log, CancellationToken ct) =>
                Queue(http, body ?? new ExportBody(null, null, null, null, null, null), false, exporter, db, jobs, clock, log, ct))
            .WithTags("Exports").WithSummary("Queue an export of identified data (your facilities): NAACCR XML v25/v26, record type A/M/C/I, or CSV of chosen items.");
        app.MapPost("/exports/deidentified", (HttpContext http, ExportBody? body, NaaccrExporter exporter, NpgsqlDataSource db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<NaaccrExportJob> log, CancellationToken ct) =>
                Queue(http, body ?? new ExportBody(null, null, null, null, null, null), true, exporter, db, jobs, clock, log, ct))
            .WithTags("Exports").WithSummary("Queue a de-identified extract (no names, SSN, street, phone, record numbers or text; birth year only; ages over 89 grouped; 3-digit postal codes).");
        app.MapGet("/exports/{id:guid}", async (Guid id, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
                await ReadAsync(db, id, http.User.Identity!.Name!, ct) is { } s ? Results.Ok(s.Status) : Results.NotFound())
            .WithTags("Exports").WithSummary("An export's status; the download link once it is completed.");
        app.MapGet("/exports/{id:guid}/file", async (Guid id, HttpContext http, NpgsqlDataSource db, ExchangeFolder folder, CancellationToken ct) =>
            {
                var s = await ReadAsync(db, id, http.User.Identity!.Name!, ct);
                if (s is null) return Results.NotFound();
                if (s.Status.Status != "completed")
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not ready.", detail: $"The export is {s.Status.Status}.");
                return Results.File(folder.Export(id), s.ContentType, s.Status.FileName);
            })
            .WithTags("Exports").WithSummary("Download a completed export.");
        return app;
    }

    private static async Task<IResult> Queue(HttpContext http, ExportBody body, bool deidentified, NaaccrExporter exporter, NpgsqlDataSource db,
        IBackgroundJobClient jobs, TimeProvider clock, ILogger log, CancellationToken ct)
    {
        var allowed = deidentified || http.User.HoldsAllFacilities() ? null : http.User.Facilities().ToArray();
        var stored = new StoredRequest(body, deidentified, allowed);
        var request = ToRequest(stored);
        var errors = new Dictionary<string, string[]>(await exporter.ValidateAsync(request, ct));
        if (body.Format is not (null or "xml" or "csv")) errors["format"] = ["format is xml or csv."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var id = Guid.CreateVersion7();
        await using (var cmd = db.CreateCommand("""
            insert into naaccr_exports(export_id, requested_by, requested_at, request, deidentified, status) values ($1, $2, $3, $4::jsonb, $5, 'queued')
            """))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(http.User.Identity!.Name!);
            cmd.Parameters.AddWithValue(clock.GetUtcNow());
            cmd.Parameters.AddWithValue(JsonSerializer.Serialize(stored, Json));
            cmd.Parameters.AddWithValue(deidentified);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (await JobEnqueue.TryAsync(() => jobs.Enqueue<NaaccrExportJob>(j => j.RunAsync(id, CancellationToken.None)), "an export", log, ct) is null)
        {
            await using var forget = db.CreateCommand("delete from naaccr_exports where export_id = $1 and status = 'queued'");
            forget.Parameters.AddWithValue(id);
            await forget.ExecuteNonQueryAsync(CancellationToken.None);
            return JobEnqueue.Busy("export");
        }
        return Results.Accepted($"/exports/{id}", new ExportStatus(id, "queued", deidentified, clock.GetUtcNow(), null, null, null, null, null, null));
    }

    /// <summary>The registry's root items: Exchange:RegistryId, Exchange:RegistryType, Exchange:NpiRegistryId.</summary>
    public static NaaccrRegistryIdentity RegistryIdentity(IConfiguration configuration) =>
        new(configuration["Exchange:RegistryId"], configuration["Exchange:RegistryType"], configuration["Exchange:NpiRegistryId"]);

    internal static NaaccrExportRequest ToRequest(StoredRequest s) => new(s.Body.Cohort ?? NaaccrCohort.All)
    {
        Version = s.Body.Version ?? "250",
        RecordType = s.Body.RecordType ?? "A",
        Format = s.Body.Format == "csv" ? NaaccrExportFormat.Csv : NaaccrExportFormat.Xml,
        CsvItems = s.Body.Items ?? [],
        Gzip = s.Body.Gzip ?? false,
        UserItems = s.Body.UserItems ?? true,
        Deidentified = s.Deidentified,
        AllowedFacilities = s.AllowedFacilities,
    };

    private sealed record Row(ExportStatus Status, string ContentType);

    private static async Task<Row?> ReadAsync(NpgsqlDataSource db, Guid id, string user, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select status, deidentified, requested_at, finished_at, patients, tumors, file_name, error, content_type
            from naaccr_exports where export_id = $1 and requested_by = $2
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(user);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var status = r.GetString(0);
        int? Int(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new Row(new ExportStatus(id, status, r.GetBoolean(1), r.GetFieldValue<DateTimeOffset>(2),
            r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), Int(4), Int(5), Text(6), Text(7),
            status == "completed" ? $"/exports/{id}/file" : null), Text(8) ?? "application/octet-stream");
    }
}
