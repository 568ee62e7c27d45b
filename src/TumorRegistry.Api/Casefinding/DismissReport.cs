using TumorRegistry.Infrastructure.Casefinding;

namespace TumorRegistry.Api.Casefinding;

public sealed record DismissReportBody(string? Reason);

/// <summary>POST /casefinding/{id}/dismiss {reason}: a registrar takes the report off the queue (a ReportDismissed event); 409 if resolved.</summary>
public static class DismissReport
{
    public static void MapDismissReport(this IEndpointRouteBuilder app) =>
        app.MapPost("/casefinding/{id:guid}/dismiss", async (Guid id, DismissReportBody? body, HttpContext http, ElectronicReportStore store,
                CancellationToken ct) =>
            {
                var reason = body?.Reason?.Trim();
                if (string.IsNullOrEmpty(reason) || reason.Length > 500)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the report is dismissed (1-500 characters)."] });
                if (await store.GetAsync(id, ct) is not { } report || !CasefindingQueueEndpoint.MaySee(http.User, report))
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report.");
                try { return Results.Ok(await store.DismissAsync(id, reason, http.User.Identity?.Name ?? "", ct)); }
                catch (ReportNotFoundException) { return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report."); }
                catch (ReportStateException e) { return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already resolved.", detail: e.Message); }
            })
            .WithTags("Casefinding").WithName("DismissReport")
            .WithSummary("Dismiss a report from the casefinding queue, with the reason.")
            .Produces<ReportReceipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
