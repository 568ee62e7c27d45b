using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Web;
using TumorRegistry.Domain.Consolidation;

namespace TumorRegistry.Api.Consolidation.Pages;

/// <summary>"View source data" (GET /cases/{id}/sources): each item, who supplied it, what every source said; the records as received.</summary>
public sealed class SourcesModel(IMediator mediator, CodePickers pickers) : PageModel
{
    public CaseProvenance Provenance { get; private set; } = null!;
    public CodePickers Pickers => pickers;

    public async Task<IActionResult> OnGetAsync(Guid caseId)
    {
        if (await mediator.Send(new GetCaseSources(caseId), HttpContext.RequestAborted) is not { } p) return NotFound();
        Provenance = p;
        return Page();
    }
}
