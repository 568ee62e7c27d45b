using TumorRegistry.Casefinding;
using TumorRegistry.Api.Security;
using TumorRegistry.Infrastructure.Casefinding;

namespace TumorRegistry.Api.Casefinding;

/// <summary>The casefinding worklist with its counts by status (and the oldest report's days waiting).</summary>
public sealed record CasefindingWorklist(IReadOnlyList<QueueCount> Counts, IReadOnlyList<QueuedReport> Reports);

/// <summary>GET /casefinding?status=new&amp;facility=&amp;format=: the queue, oldest first, and the counts (non-reportable reports counted too).</summary>
public static class CasefindingQueueEndpoint
{
    public static void MapCasefindingQueue(this IEndpointRouteBuilder app) =>
        app.MapGet("/casefinding", async (string? status, string? facility, string? format, int? limit, HttpContext http, CasefindingQueueReader reader,
                CancellationToken ct) =>
            {
                var errors = Validate(status, format, limit);
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                var (reports, counts) = await reader.ReadAsync(new QueueFilter(status, facility, format, limit ?? 200, Held(http.User)), ct);
                return Results.Ok(new CasefindingWorklist(counts, reports));
            })
            .WithTags("Casefinding").WithName("CasefindingQueue")
            .WithSummary("The casefinding queue: reports by status (new, in_progress, resolved, not_reportable) with days waiting and counts.")
            .Produces<CasefindingWorklist>().ProducesValidationProblem();

    /// <summary>A hospital registrar sees the reports of the facilities held; a central registrar (*) all of them.</summary>
    public static IReadOnlyList<string>? Held(System.Security.Claims.ClaimsPrincipal user) => user.HoldsAllFacilities() ? null : user.Facilities();

    public static bool MaySee(System.Security.Claims.ClaimsPrincipal user, ElectronicReport report) =>
        user.HoldsAllFacilities() || user.Holds(report.Extracted.TumorItems.GetValueOrDefault("reportingFacility"));

    public static Dictionary<string, string[]> Validate(string? status, string? format, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !CasefindingQueueEntry.Statuses.Contains(status))
            errors["status"] = [$"One of {string.Join(", ", CasefindingQueueEntry.Statuses)}."];
        if (format is not (null or ExtractedReport.Hl7v2 or ExtractedReport.Fhir)) errors["format"] = ["hl7v2 or fhir."];
        if (limit is < 1 or > 1000) errors["limit"] = ["1 to 1000."];
        return errors;
    }
}
