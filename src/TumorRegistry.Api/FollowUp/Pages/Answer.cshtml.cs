using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Cases.GetCase;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Web;
using TumorRegistry.Domain.Events;
using PatientItems = TumorRegistry.Api.Cases.RecordPatientItems.RecordPatientItems;

namespace TumorRegistry.Api.FollowUp.Pages;

/// <summary>The answer to a follow-up request: date of last contact and vital status, recorded on the patient with the
/// patient follow-up command (FollowUpRecorded), against the version the page was loaded with.</summary>
public sealed class AnswerModel(IMediator mediator, CodePickers pickers) : PageModel
{
    public PatientView Patient { get; private set; } = null!;
    public CodePickers Pickers => pickers;
    public Dictionary<string, List<string>> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? LastContact { get; private set; }
    public string? VitalStatus { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId)
    {
        if (!await LoadAsync(patientId)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid patientId, int? version, string? dateOfLastContact, string? vitalStatus)
    {
        if (!await LoadAsync(patientId)) return NotFound();
        (LastContact, VitalStatus) = (dateOfLastContact?.Trim(), vitalStatus?.Trim());
        var answer = new FollowUpRecorded { DateOfLastContact = Blank(LastContact), VitalStatus = Blank(VitalStatus) };
        switch (await mediator.SendFromPageAsync(HttpContext, patientId, new PatientItems(answer), version))
        {
            case CommandResult.Accepted:
                return Redirect("/manager/follow-up?recorded=1");
            case CommandResult.Refused r:
                Errors = PageCommands.Messages(r);
                Problem = "Nothing was saved: correct the items marked below.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case CommandResult.Conflict:
                Problem = "Someone else changed this patient since you opened the page: nothing was saved. The page shows the saved values now.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case CommandResult.Forbidden f:
                Problem = f.Detail;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                Problem = "Nothing was saved.";
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid patientId)
    {
        if (await mediator.Send(new GetPatient(patientId, null), HttpContext.RequestAborted) is not { } view) return false;
        Patient = view;
        LastContact = view.Items.GetValueOrDefault("dateOfLastContact");
        VitalStatus = view.Items.GetValueOrDefault("vitalStatus");
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
