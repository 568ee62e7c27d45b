using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Infrastructure.Casefinding;

namespace TumorRegistry.Api.Casefinding.Pages;

/// <summary>The casefinding queue as a page: the counts by status and the reports, oldest first (the rules of GET /casefinding).</summary>
public sealed class QueueModel(CasefindingQueueReader reader) : PageModel
{
    public IReadOnlyList<QueuedReport> Reports { get; private set; } = [];
    public IReadOnlyList<QueueCount> Counts { get; private set; } = [];
    public string? Status { get; private set; }
    public string? Format { get; private set; }
    public string? Facility { get; private set; }
    public string? Problem { get; private set; }
    public bool Dismissed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, string? format, string? facility, string? dismissed)
    {
        (Status, Format, Facility, Dismissed) = (Blank(status) ?? "new", Blank(format), Blank(facility), dismissed is not null);
        if (Status == "all") Status = null;
        var errors = CasefindingQueueEndpoint.Validate(Status, Format, null);
        if (errors.Count > 0)
        {
            Problem = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        (Reports, Counts) = await reader.ReadAsync(new QueueFilter(Status, Facility, Format, Held: CasefindingQueueEndpoint.Held(User)), HttpContext.RequestAborted);
        return Page();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Label(string status) => status.Replace('_', ' ');
}
