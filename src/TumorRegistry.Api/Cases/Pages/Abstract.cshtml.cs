using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Cases.CaseEdits;
using TumorRegistry.Api.Cases.CaseHistory;
using TumorRegistry.Api.Cases.CompleteCase;
using TumorRegistry.Api.Cases.GetCase;
using TumorRegistry.Api.Cases.OverrideEdit;
using TumorRegistry.Api.Cases.RecordAbstraction;
using TumorRegistry.Api.Cases.RecordPatientItems;
using TumorRegistry.Api.Cases.ReopenCase;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Cases.Worklists;
using TumorRegistry.Api.Web;
using TumorRegistry.Domain.Edits.Rules;
using Complete = TumorRegistry.Api.Cases.CompleteCase.CompleteCase;
using Override = TumorRegistry.Api.Cases.OverrideEdit.OverrideEdit;
using Reopen = TumorRegistry.Api.Cases.ReopenCase.ReopenCase;
using ReadCase = TumorRegistry.Api.Cases.GetCase.GetCase;
using PatientItems = TumorRegistry.Api.Cases.RecordPatientItems.RecordPatientItems;
using Abstraction = TumorRegistry.Api.Cases.RecordAbstraction.RecordAbstraction;

namespace TumorRegistry.Api.Cases.Pages;

/// <summary>Another registrar's save met on saving: both versions of the section's items, and who saved when.</summary>
public sealed record SaveConflict(AbstractSection Section, int LoadedVersion, int CurrentVersion, IReadOnlyDictionary<string, string> Mine,
    IReadOnlyDictionary<string, string> Theirs, string? SavedBy, DateTimeOffset? SavedAt);

/// <summary>
/// The abstract of one case in sections, each saved on its own with the version the page was loaded with (the page's
/// ETag): edits and refusals are shown beside their fields, a save after someone else's shows both versions.
/// </summary>
public sealed class AbstractModel(IMediator mediator, CodePickers pickers) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public CaseEditsView? Edits { get; private set; }
    public CodePickers Pickers => pickers;
    public Dictionary<string, List<string>> Errors { get; private set; } = [];
    /// <summary>Values shown in the fields: the case's, or what the registrar typed when the save was refused.</summary>
    public Dictionary<string, string> Values { get; private set; } = [];
    public string? Saved { get; private set; }
    public string? Problem { get; private set; }
    public string? ErrorSection { get; private set; }
    public SaveConflict? Conflict { get; private set; }
    public Guid? NextCaseId { get; private set; }

    /// <summary>The failing edits shown beside a field: those naming the item (the required-items edit beside the blank ones only).</summary>
    public IEnumerable<EditFailure> EditsOf(string naaccrId) => Edits?.Failing.Where(f => f.Items.Contains(naaccrId)
        && (f.Id != RequiredEdit || RequiredItemEdits.Missing(Case.Items).Contains(naaccrId))) ?? [];

    private const string RequiredEdit = "TR001";

    public async Task<IActionResult> OnGetAsync(Guid caseId, string? saved)
    {
        if (!await LoadAsync(caseId)) return NotFound();
        Saved = saved switch
        {
            null => null,
            "complete" => "The case is completed.",
            "opened" => "The case is open: abstract it section by section.",
            "reopen" => "The case is open again.",
            "override" => "The edit is overridden.",
            _ => AbstractSections.Find(saved) is { } s ? $"{s.Title} saved." : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid caseId, string? section, int? version, int? patientVersion)
    {
        var s = AbstractSections.Find(section);
        if (s is null || !await LoadAsync(caseId)) return NotFound();
        var loaded = s.OnPatient ? patientVersion : version;
        var current = s.OnPatient ? Case.PatientVersion : Case.Version;
        var mine = s.Items.ToDictionary(i => i, i => Request.Form[i].ToString().Trim());
        // Only what differs from the stored case is sent; on a stale page every typed value goes, to meet the conflict.
        var changes = mine.Where(p => loaded != current ? p.Value.Length > 0 : p.Value != Case.Items.GetValueOrDefault(p.Key, ""))
            .ToDictionary(p => p.Key, p => p.Value);
        if (changes.Count == 0)
        {
            Saved = $"{s.Title}: nothing changed.";
            return Page();
        }
        var stream = s.OnPatient ? Case.PatientId : Case.CaseId;
        RegistryCommand command = s.OnPatient ? new PatientItems(AbstractSections.Build(s, changes)) : new Abstraction(AbstractSections.Build(s, changes));
        var result = await mediator.SendFromPageAsync(HttpContext, stream, command, loaded);
        switch (result)
        {
            case CommandResult.Accepted:
                return Redirect($"/registrar/cases/{caseId}?saved={s.Id}#{s.Id}");
            case CommandResult.Conflict c:
                var history = await mediator.Send(new GetCaseHistory(caseId), HttpContext.RequestAborted);
                var last = history?.Entries.LastOrDefault(e => e.Stream == (s.OnPatient ? "patient" : "tumor"));
                Conflict = new SaveConflict(s, loaded ?? 0, c.CurrentVersion ?? current, mine,
                    s.Items.ToDictionary(i => i, i => Case.Items.GetValueOrDefault(i, "")), last?.User, last?.RecordedAt);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                Refused(result, s.Id);
                foreach (var (id, value) in mine) Values[id] = value;
                return Page();
        }
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid caseId, int? version) =>
        SendAsync(caseId, new Complete(), version, null, "complete");

    public Task<IActionResult> OnPostOverrideAsync(Guid caseId, int? version, string? editId, string? reason) =>
        SendAsync(caseId, new Override(editId ?? ""), version, reason, "override");

    public Task<IActionResult> OnPostReopenAsync(Guid caseId, int? version, string? reason) =>
        SendAsync(caseId, new Reopen { Reason = reason }, version, reason, "reopen");

    private async Task<IActionResult> SendAsync(Guid caseId, RegistryCommand command, int? version, string? reason, string what)
    {
        if (!await LoadAsync(caseId)) return NotFound();
        var result = await mediator.SendFromPageAsync(HttpContext, caseId, command, version, reason);
        if (result is CommandResult.Accepted) return Redirect($"/registrar/cases/{caseId}?saved={what}");
        Refused(result, what);
        return Page();
    }

    private void Refused(CommandResult result, string section)
    {
        ErrorSection = section;
        Response.StatusCode = result switch
        {
            CommandResult.Refused => StatusCodes.Status400BadRequest,
            CommandResult.Conflict => StatusCodes.Status409Conflict,
            CommandResult.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        switch (result)
        {
            case CommandResult.Refused r:
                Errors = PageCommands.Messages(r);
                Problem = "Nothing was saved: correct the items marked below.";
                break;
            case CommandResult.BlockedByEdits:
                Problem = "The case fails error edits and cannot be completed: correct the items marked below, or override an edit that allows it with a reason.";
                break;
            case CommandResult.Conflict:
                Problem = "Someone else changed this case since you opened it: nothing was saved. The page now shows their version.";
                break;
            case CommandResult.Forbidden f:
                Problem = f.Detail;
                break;
            default:
                Problem = "Nothing was saved.";
                break;
        }
    }

    private async Task<bool> LoadAsync(Guid caseId)
    {
        var ct = HttpContext.RequestAborted;
        if (await mediator.Send(new ReadCase(caseId, null), ct) is not { } view) return false;
        Case = view;
        Values = view.Items.ToDictionary();
        Edits = await mediator.Send(new GetCaseEdits(caseId), ct);
        var (facility, _) = PageFacilities.Choose(User, view.Items.GetValueOrDefault("reportingFacility"));
        var open = await mediator.Send(new GetWorklist(null, facility, null, 1, 2) { OpenOnly = true }, ct);
        NextCaseId = open.Cases.Select(c => c.CaseId).FirstOrDefault(id => id != caseId) is var next && next != Guid.Empty ? next : null;
        return true;
    }
}
