using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Web;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards.Dictionary;
using Open = TumorRegistry.Api.Cases.OpenCase.OpenCase;
using PatientItems = TumorRegistry.Api.Cases.RecordPatientItems.RecordPatientItems;
using Register = TumorRegistry.Api.Cases.RegisterPatient.RegisterPatient;

namespace TumorRegistry.Api.Cases.Pages;

/// <summary>
/// A new case from nothing: registers the patient, records the name, birth date and sex, and opens the case, through
/// the same three commands as the API. Every value is checked before the first write, so a refusal stores nothing.
/// </summary>
public sealed class NewCaseModel(IMediator mediator, CodePickers pickers) : PageModel
{
    public static readonly string[] PatientItemIds = ["patientIdNumber", "nameLast", "nameFirst", "dateOfBirth", "sex"];
    public static readonly string[] CaseItemIds = ["reportingFacility", "accessionNumberHosp", "casefindingSource", "typeOfReportingSource"];

    public CodePickers Pickers => pickers;
    public Dictionary<string, string> Values { get; } = [];
    public Dictionary<string, List<string>> Errors { get; private set; } = [];
    public string? Problem { get; private set; }

    public void OnGet()
    {
        if (PageFacilities.Held(User) is [var only, ..]) Values["reportingFacility"] = only;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        foreach (var id in PatientItemIds.Concat(CaseItemIds)) Values[id] = Request.Form[id].ToString().Trim();
        string? V(string id) => Values[id].Length == 0 ? null : Values[id];
        var registered = new PatientRegistered { PatientIdNumber = V("patientIdNumber") };
        var demographics = new DemographicsRecorded { NameLast = V("nameLast"), NameFirst = V("nameFirst"), DateOfBirth = V("dateOfBirth"), Sex = V("sex") };
        var opened = new CaseOpened
        {
            ReportingFacility = V("reportingFacility"), AccessionNumberHosp = V("accessionNumberHosp"),
            CasefindingSource = V("casefindingSource"), TypeOfReportingSource = V("typeOfReportingSource"),
        };
        var errors = ItemValidator.Default.Validate(registered, NaaccrParent.Patient)
            .Concat(ItemValidator.Default.Validate(demographics, NaaccrParent.Patient))
            .Concat(ItemValidator.Default.Validate(opened, NaaccrParent.Tumor)).ToList();
        foreach (var required in new[] { "patientIdNumber", "reportingFacility" }.Where(i => V(i) is null))
            errors.Add(new FieldError(required, $"{pickers.Field(required).Label} is required."));
        if (errors.Count > 0) return Refused(new CommandResult.Refused(errors));

        var patient = await mediator.SendFromPageAsync(HttpContext, Guid.NewGuid(), new Register(registered), null);
        if (patient is not CommandResult.Accepted p) return Refused(patient);
        var named = await mediator.SendFromPageAsync(HttpContext, p.StreamId, new PatientItems(demographics), p.Version);
        if (named is not CommandResult.Accepted) return Refused(named);
        var @case = await mediator.SendFromPageAsync(HttpContext, Guid.NewGuid(), new Open(opened with { PatientId = p.StreamId }), null);
        if (@case is not CommandResult.Accepted c) return Refused(@case);
        return Redirect($"/registrar/cases/{c.StreamId}?saved=opened");
    }

    private PageResult Refused(CommandResult result)
    {
        Response.StatusCode = result is CommandResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        if (result is CommandResult.Refused r) Errors = PageCommands.Messages(r);
        Problem = result is CommandResult.Forbidden f ? f.Detail : "Nothing was saved: correct the items marked below.";
        return Page();
    }
}
