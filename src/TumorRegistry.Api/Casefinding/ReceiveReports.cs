using TumorRegistry.Api.Pipeline;
using TumorRegistry.Casefinding;
using TumorRegistry.Infrastructure.Casefinding;

namespace TumorRegistry.Api.Casefinding;

/// <summary>
/// POST /reports/hl7v2 (an ORU^R01 as x-application/hl7-v2+er7) and POST /reports/fhir (a Bundle as application/fhir+json):
/// stores the report whole, reads and screens it, and queues it. 201 with the receipt for a new report, 200 with the
/// first receipt for a re-send (nothing added), 400 naming segment and field (or resource and element) when refused.
/// </summary>
public static class ReceiveReports
{
    public const int MaxReportBytes = 2 * 1024 * 1024;
    public static readonly string[] Hl7Types = ["x-application/hl7-v2+er7", "application/hl7-v2"];
    public static readonly string[] FhirTypes = ["application/fhir+json", "application/json"];

    public static void MapReceiveReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/reports/hl7v2", (HttpContext http, string? source, ElectronicReportStore store, CancellationToken ct) =>
                ReceiveAsync(http, ExtractedReport.Hl7v2, source, store, ct))
            .Accepts<string>(Hl7Types[0]).WithTags("Casefinding").WithName("ReceiveHl7v2Report")
            .WithSummary("Receive an HL7 v2.5.1 ORU^R01 pathology report (NAACCR Volume V); ?source= names the sender.")
            .Produces<ReportReceipt>(StatusCodes.Status201Created).Produces<ReportReceipt>().ProducesValidationProblem();
        app.MapPost("/reports/fhir", (HttpContext http, string? source, ElectronicReportStore store, CancellationToken ct) =>
                ReceiveAsync(http, ExtractedReport.Fhir, source, store, ct))
            .Accepts<string>(FhirTypes[0]).WithTags("Casefinding").WithName("ReceiveFhirReport")
            .WithSummary("Receive a FHIR R4 Bundle (Central Cancer Registry Reporting / mCODE); ?source= names the sender.")
            .Produces<ReportReceipt>(StatusCodes.Status201Created).Produces<ReportReceipt>().ProducesValidationProblem();
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, string format, string? source, ElectronicReportStore store, CancellationToken ct)
    {
        var by = http.User.Identity?.Name ?? "";
        if (await RequestBody.ReadAtMostAsync(http.Request, MaxReportBytes, ct) is not { } body)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Report too large.", detail: $"At most {MaxReportBytes} bytes.");
        if (body.Length == 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The report is empty."] });
        var label = string.IsNullOrWhiteSpace(source) ? by : source.Trim()[..Math.Min(source.Trim().Length, 200)];
        var contentType = (http.Request.ContentType ?? "").Split(';')[0].Trim();
        try
        {
            var receipt = await store.ReceiveAsync(format, contentType, label, body, by, ct);
            return receipt.AlreadyReceived ? Results.Ok(receipt) : Results.Created($"/reports/{receipt.ReportId}", receipt);
        }
        catch (ReportRefusedException e)
        {
            // Keys name where (PID[1]-7, Bundle.entry[0].resource(Patient).birthDate); the texts never quote a value.
            return Results.ValidationProblem(e.Problems.GroupBy(p => p.Where).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
                title: "The report was refused; nothing was stored.");
        }
    }
}
