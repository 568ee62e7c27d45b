using TumorRegistry.Infrastructure.Casefinding;

namespace TumorRegistry.Api.Casefinding;

/// <summary>GET /reports/{id}: the report as received, its events, the NAACCR items read from it and its screening (identified: audited).</summary>
public static class ReportDetail
{
    public static void MapReportDetail(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/{id:guid}", async (Guid id, HttpContext http, ElectronicReportStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } report && CasefindingQueueEndpoint.MaySee(http.User, report) ? Results.Ok(report)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report."))
            .WithTags("Casefinding").WithName("GetElectronicReport")
            .WithSummary("An electronic report: raw as received, what was extracted (patient and tumor NAACCR items), screening and events.")
            .Produces<ElectronicReport>().ProducesProblem(StatusCodes.Status404NotFound);
}
