using TumorRegistry.Api.Jobs;
using Hangfire;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;

namespace TumorRegistry.Api.Exchange;

/// <summary>
/// POST /imports/naaccr-xml: stores the uploaded file and queues its import on Hangfire (202 with the batch to poll).
/// GET /imports/naaccr-xml/{batchId}: the batch record: status (queued, running, completed, refused, already_imported),
/// counts and every problem by line, record and item.
/// </summary>
public static class ImportNaaccrXml
{
    public sealed record ImportQueued(Guid BatchId, string Status, string Source, string Report);

    public static IServiceCollection AddExchange(this IServiceCollection services)
    {
        services.AddSingleton(p => new NaaccrXmlImporter(p.GetRequiredService<RegistryEvents>()));
        services.AddSingleton(p => ExchangeFolder.From(p.GetRequiredService<IConfiguration>()));
        services.AddSingleton(p => new NaaccrUserDictionaryStore(p.GetRequiredService<Npgsql.NpgsqlDataSource>(), TumorRegistry.Standards.NaaccrStandards.Default));
        services.AddScoped<NaaccrImportJob>();
        services.AddExports();
        return services;
    }

    public static IEndpointRouteBuilder MapExchange(this IEndpointRouteBuilder app)
    {
        app.MapPost("/imports/naaccr-xml", async (HttpContext http, NaaccrXmlImporter importer, ExchangeFolder folder, IBackgroundJobClient jobs,
            Npgsql.NpgsqlDataSource db, ILogger<NaaccrImportJob> log, string? source, string? fileName, string? mode, bool? again, CancellationToken ct) =>
        {
            var headers = WriteHeaders.From(http);
            if (headers.Registrar is null)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Who is importing?", detail: "Imports need a signed-in principal.");
            if (mode is not (null or "strict" or "relaxed"))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["mode is strict or relaxed."] });
            var label = string.IsNullOrWhiteSpace(source) ? "NAACCR XML import" : source.Trim();
            var name = string.IsNullOrWhiteSpace(fileName) ? "upload.xml" : Path.GetFileName(fileName.Trim());
            // A state's annual file is far above Kestrel's 30 MB default: this endpoint streams it to disk.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = folder.MaxUploadBytes;
            var batchId = Guid.CreateVersion7();
            var path = folder.Upload(batchId);
            await using (var file = File.Create(path)) await http.Request.Body.CopyToAsync(file, ct);
            bool allowed;
            await using (var file = File.OpenRead(path)) allowed = Security.Authorization.ImportFacilities.Allowed(http.User, file);
            if (!allowed)
            {
                File.Delete(path);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.",
                    detail: "Every Reporting Facility [540] in the file must be one of your facilities.");
            }
            var args = new NaaccrImportJobArgs(batchId, name, label, headers.Registrar, mode == "relaxed", again ?? false);
            await importer.QueueAsync(new NaaccrImportRequest(name, label, new EventMetadata(headers.Registrar)) { BatchId = batchId }, ct);
            if (await JobEnqueue.TryAsync(() => jobs.Enqueue<NaaccrImportJob>(j => j.RunAsync(args, CancellationToken.None)), "an import", log, ct) is null)
            {
                // Nothing was imported: the queued batch and its file go, so no batch stays "queued" for ever.
                await using (var forget = db.CreateCommand("delete from naaccr_import_batches where batch_id = $1 and status = 'queued'"))
                {
                    forget.Parameters.AddWithValue(batchId);
                    await forget.ExecuteNonQueryAsync(CancellationToken.None);
                }
                File.Delete(path);
                return JobEnqueue.Busy("import");
            }
            var report = $"/imports/naaccr-xml/{batchId}";
            return Results.Accepted(report, new ImportQueued(batchId, NaaccrXmlImporter.Queued, label, report));
        })
        .Accepts<string>("application/xml")
        .WithTags("Imports")
        .WithSummary("Upload a NAACCR XML file (specification 1.0-1.8); its import runs as a background job. ?mode=strict|relaxed, ?again=true re-applies a file sent before.");

        app.MapGet("/imports/naaccr-xml/{id:guid}", async (Guid id, NaaccrXmlImporter importer, CancellationToken ct) =>
            await importer.GetBatchAsync(id, ct) is { } report ? Results.Ok(report) : Results.NotFound())
        .WithTags("Imports")
        .WithSummary("The import batch: status, counts (new, matched, corrected, refused), its problems by line, record and item, and the file's root items.");
        app.MapExports();
        app.MapNaaccrDictionaries();
        return app;
    }
}
