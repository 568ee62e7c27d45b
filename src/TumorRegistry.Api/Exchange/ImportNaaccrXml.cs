using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;

namespace TumorRegistry.Api.Exchange;

/// <summary>
/// POST /imports/naaccr-xml: loads a NAACCR XML file as new patients and cases. All or nothing: 400 with every
/// refused record and item when any is refused, 201 with the counts when the whole file is stored.
/// </summary>
public static class ImportNaaccrXml
{
    public sealed record Imported(int Patients, int Tumors, string Source);

    public static IServiceCollection AddExchange(this IServiceCollection services) =>
        services.AddSingleton(p => new NaaccrXmlImporter(p.GetRequiredService<RegistryEvents>()));

    public static IEndpointRouteBuilder MapExchange(this IEndpointRouteBuilder app)
    {
        app.MapPost("/imports/naaccr-xml", async (HttpContext http, NaaccrXmlImporter importer, string? source, CancellationToken ct) =>
        {
            var headers = WriteHeaders.From(http);
            if (headers.Registrar is null)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Who is importing?",
                    detail: "Imports need a signed-in principal.");
            var label = string.IsNullOrWhiteSpace(source) ? "NAACCR XML import" : source.Trim();
            // The XML reader is synchronous; the server allows only asynchronous reads of the request body.
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            if (!Security.Authorization.ImportFacilities.Allowed(http.User, body))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.",
                    detail: "Every Reporting Facility [540] in the file must be one of your facilities.");
            var result = await importer.ImportAsync(body, label,
                new EventMetadata(headers.Registrar, headers.Reason ?? label, headers.CorrelationId), ct);
            if (!result.Succeeded)
                return Results.ValidationProblem(
                    result.Errors.GroupBy(Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                    title: "The file was not imported: nothing was stored.",
                    detail: $"{result.Errors.Count} problem(s) in {result.Patients} patient record(s).");
            return Results.Created("/worklists?status=open", new Imported(result.Patients, result.Tumors, label));
        })
        .Accepts<string>("application/xml")
        .WithTags("Imports")
        .WithSummary("Import a NAACCR XML file (data exchange standard 1.8) as new patients and cases.");
        return app;
    }

    // Field keys a client can map back to the file: patient[3].tumor[1].primarySite.
    private static string Key(ImportError e) =>
        (e.PatientRecord is { } p ? $"patient[{p}]" : "file") + (e.TumorRecord is { } t ? $".tumor[{t}]" : "") + (e.Item is { } i ? "." + i : "");
}
