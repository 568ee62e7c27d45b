using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Web;

namespace TumorRegistry.Api.Cases.Workload;

/// <summary>Workload by abstractor and facility, for the facilities the manager holds.</summary>
public sealed class WorkloadModel(IMediator mediator) : PageModel
{
    public WorkloadView View { get; private set; } = null!;
    public string? Facility { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? facility)
    {
        var (chosen, notHeld) = PageFacilities.Choose(User, facility);
        if (notHeld) return NotFound();
        Facility = chosen;
        View = await mediator.Send(new GetWorkload(chosen), HttpContext.RequestAborted);
        return Page();
    }
}
