using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Cases.Worklists;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Api.Web;

namespace TumorRegistry.Api.Cases.Pages;

/// <summary>The worklist (GET /worklists' query): cases by status, facility and abstractor, searched by patient id number,
/// accession, date of birth or last name; every case listed is audited as seen.</summary>
public sealed class WorklistModel(IMediator mediator) : PageModel
{
    public const int PageSize = 50;
    public WorklistPage List { get; private set; } = null!;
    public string? Status { get; private set; }
    public string? Facility { get; private set; }
    public string? Abstractor { get; private set; }
    public string? Search { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, string? facility, string? abstractor, string? search, int? page)
    {
        var (chosen, notHeld) = PageFacilities.Choose(User, facility);
        if (notHeld) return NotFound();
        Status = GetWorklistHandler.Statuses.Contains(status ?? "") ? status : null;
        if (!string.IsNullOrWhiteSpace(status) && Status is null) Problem = $"Status is one of {string.Join(", ", GetWorklistHandler.Statuses)}.";
        (Facility, Abstractor, Search) = (chosen, Blank(abstractor), Blank(search));
        List = await mediator.Send(new GetWorklist(Status, Facility, Abstractor, Math.Max(page ?? 1, 1), PageSize) { Search = Search },
            HttpContext.RequestAborted);
        PhiAuditMiddleware.Listed(HttpContext, List.Cases.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
        return Page();
    }

    public string PageLink(int page) =>
        "/registrar/worklist" + QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = Status, ["facility"] = Facility, ["abstractor"] = Abstractor, ["search"] = Search, ["page"] = page.ToString(),
        }.Where(p => p.Value is not null));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
