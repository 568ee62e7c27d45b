using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Cases.CaseHistory;
using TumorRegistry.Api.Cases.GetCase;
using TumorRegistry.Api.Web;
using ReadCase = TumorRegistry.Api.Cases.GetCase.GetCase;

namespace TumorRegistry.Api.Cases.Pages;

/// <summary>Who changed what, when and why (GET /cases/{id}/history), and the case as it stood at a date (?asOf=).</summary>
public sealed class HistoryModel(IMediator mediator, CodePickers pickers) : PageModel
{
    public CaseHistoryView History { get; private set; } = null!;
    public CaseView? AsOfCase { get; private set; }
    public string? AsOfText { get; private set; }
    public string? Problem { get; private set; }
    public CodePickers Pickers => pickers;

    public async Task<IActionResult> OnGetAsync(Guid caseId, string? asOf)
    {
        var ct = HttpContext.RequestAborted;
        if (await mediator.Send(new GetCaseHistory(caseId), ct) is not { } history) return NotFound();
        History = history;
        AsOfText = asOf;
        if (!AsOf.TryParse(asOf, out var at))
        {
            Problem = "The date is yyyy-MM-dd (the end of that day, UTC) or an ISO timestamp.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (at is not null) AsOfCase = await mediator.Send(new ReadCase(caseId, at), ct);
        return Page();
    }
}
