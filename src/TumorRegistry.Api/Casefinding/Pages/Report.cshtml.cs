using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Infrastructure.Casefinding;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Casefinding.Pages;

/// <summary>One electronic report: what was read from it (NAACCR items), why it is (not) reportable, the raw message, and
/// the registrar's dismissal with a reason (the POST /casefinding/{id}/dismiss rule).</summary>
public sealed class ReportModel(ElectronicReportStore store, Central.AcceptReport.ReportIntake intake) : PageModel
{
    public Central.AcceptReport.AcceptReportResult? Held { get; private set; }
    public bool CanAccept => User.IsInRole(RegistryRoles.Registrar)
        && Report.Status is TumorRegistry.Casefinding.CasefindingQueueEntry.New or TumorRegistry.Casefinding.CasefindingQueueEntry.InProgress;

    /// <summary>Accept into the registry (docs/central-registry.md): to the case page, or the page again saying which review it waits for.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(Guid id, Guid? patientId, bool newPatient, Guid? sameAsCaseId, bool newPrimary)
    {
        if (await store.GetAsync(id, HttpContext.RequestAborted) is not { } report || !CasefindingQueueEndpoint.MaySee(User, report)) return NotFound();
        Report = report;
        if (!User.IsInRole(RegistryRoles.Registrar)) return Forbid();
        if (!CanAccept)
        {
            Problem = "Nothing was saved: the report is not waiting for a case.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var (result, refused) = await intake.AcceptAsync(report, new(patientId, newPatient ? true : null, sameAsCaseId, newPrimary ? true : null),
            User, HttpContext.RequestAborted);
        if (result is { Status: "accepted", CaseId: { } caseId }) return Redirect($"/registrar/cases/{caseId}");
        if (refused is not null)
        {
            Problem = "Nothing more was saved: " + (refused is Cases.Shared.CommandResult.NotFound n ? $"no {n.What} {n.Id}." : "the registry refused the step.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Held = result;
        Report = (await store.GetAsync(id, HttpContext.RequestAborted))!;
        return Page();
    }

    public ElectronicReport Report { get; private set; } = null!;
    public string? Problem { get; private set; }
    public string? Reason { get; private set; }
    public bool CanDismiss => User.IsInRole(RegistryRoles.Registrar) && Report.Status != TumorRegistry.Casefinding.CasefindingQueueEntry.Resolved;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await store.GetAsync(id, HttpContext.RequestAborted) is not { } report || !CasefindingQueueEndpoint.MaySee(User, report)) return NotFound();
        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? reason)
    {
        if (await store.GetAsync(id, HttpContext.RequestAborted) is not { } report || !CasefindingQueueEndpoint.MaySee(User, report)) return NotFound();
        Report = report;
        if (!User.IsInRole(RegistryRoles.Registrar)) return Forbid();
        Reason = reason?.Trim();
        if (string.IsNullOrEmpty(Reason) || Reason.Length > 500)
        {
            Problem = "Nothing was saved: say why the report is dismissed (1-500 characters).";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            await store.DismissAsync(id, Reason, User.Identity?.Name ?? "", HttpContext.RequestAborted);
            return Redirect("/registrar/casefinding?dismissed=1");
        }
        catch (ReportStateException e)
        {
            Problem = "Nothing was saved: " + e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
