using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Edits.Rules;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Cases;

/// <summary>
/// One primary tumor's stream folded: current NAACCR Tumor items, overrides and status.
/// Decision methods validate and return the events to append; they never change the state themselves.
/// </summary>
public sealed class TumorCase
{
    private readonly Dictionary<string, string> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _overrides = new(StringComparer.Ordinal);

    public TumorCase(Guid id) => Id = id;

    public Guid Id { get; }
    public Guid PatientId { get; private set; }
    public bool Exists { get; private set; }
    public int Version { get; private set; }
    public bool IsCompleted { get; private set; }
    public Guid? DuplicateOf { get; private set; }

    /// <summary>Current Tumor-level items by naaccrId (blank items absent).</summary>
    public IReadOnlyDictionary<string, string> Items => _items;

    /// <summary>Overridden edit ids with the registrar's reason.</summary>
    public IReadOnlyDictionary<string, string> Overrides => _overrides;

    public IReadOnlySet<string> OverriddenEdits => _overrides.Keys.ToHashSet(StringComparer.Ordinal);

    public NaaccrDate? DateOfDiagnosis => NaaccrDate.TryParse(_items.GetValueOrDefault("dateOfDiagnosis"), out var d) ? d : null;

    /// <summary>Status from the stream alone: duplicate, completed, incomplete (given the patient's items) or open.</summary>
    public CaseStatus StatusWith(IReadOnlyDictionary<string, string> patientItems, RegistryType registry = RegistryType.Hospital)
    {
        if (DuplicateOf is not null) return CaseStatus.Duplicate;
        if (IsCompleted) return CaseStatus.Completed;
        return StatusOfItems(CaseItems.Of(patientItems, _items), registry);
    }

    /// <summary>Status once edits have run: FailingEdits when an error edit blocks completion.</summary>
    public CaseStatus StatusWith(IReadOnlyDictionary<string, string> patientItems, EditReport report, RegistryType registry = RegistryType.Hospital)
    {
        var status = StatusWith(patientItems, registry);
        return status == CaseStatus.Open && report.HasBlockingErrors ? CaseStatus.FailingEdits : status;
    }

    /// <summary>
    /// Status once edits have run, from the case's items as the edits saw them (CaseItems.Of of its patient and itself):
    /// for a caller that built them for the edits already (a bulk import's projection builds them once per case).
    /// </summary>
    public CaseStatus StatusWithCaseItems(IReadOnlyDictionary<string, string> caseItems, EditReport report, RegistryType registry = RegistryType.Hospital)
    {
        if (DuplicateOf is not null) return CaseStatus.Duplicate;
        if (IsCompleted) return CaseStatus.Completed;
        var status = StatusOfItems(caseItems, registry);
        return status == CaseStatus.Open && report.HasBlockingErrors ? CaseStatus.FailingEdits : status;
    }

    private static CaseStatus StatusOfItems(IReadOnlyDictionary<string, string> caseItems, RegistryType registry) =>
        RequiredItemEdits.Missing(caseItems, registry).Count > 0 ? CaseStatus.Incomplete : CaseStatus.Open;

    public static TumorCase From(Guid id, IEnumerable<DomainEvent> events)
    {
        var c = new TumorCase(id);
        foreach (var e in events) c.Apply(e);
        return c;
    }

    /// <summary>Folds one event into the state (used when replaying the stream).</summary>
    public void Apply(DomainEvent e)
    {
        switch (e)
        {
            case CaseOpened o: Exists = true; PatientId = o.PatientId; break;
            case CaseCompleted: IsCompleted = true; break;
            case CaseReopened: IsCompleted = false; break;
            case EditOverridden o: _overrides[o.EditId] = o.Reason; break;
            case CaseMarkedDuplicate d: DuplicateOf = d.DuplicateOfCaseId; break;
        }
        ItemMapping.Apply(e, _items);
        Version++;
    }

    // ---- decisions ----

    public static Decision Open(CaseOpened e, ItemValidator? validator = null)
    {
        if (e.PatientId == Guid.Empty) return Decision.Refuse("patient", "A case is opened for a registered patient.");
        return Decision.AcceptIfValid(e, Validate(e, validator));
    }

    public Decision RecordAddressAtDiagnosis(AddressAtDiagnosisRecorded e, ItemValidator? validator = null) => Record(e, validator);
    public Decision RecordDiagnosis(DiagnosisRecorded e, ItemValidator? validator = null) => Record(e, validator);
    public Decision RecordStage(StageRecorded e, ItemValidator? validator = null) => Record(e, validator);
    public Decision RecordTreatment(TreatmentRecorded e, ItemValidator? validator = null) => Record(e, validator);
    public Decision RecordFollowUp(TumorFollowUpRecorded e, ItemValidator? validator = null) => Record(e, validator);

    /// <summary>Physicians and contact for follow-up; allowed on completed cases, since follow-up goes on after completion.</summary>
    public Decision RecordFollowUpContacts(FollowUpContactsRecorded e, ItemValidator? validator = null) => RecordAfterCompletion(e, validator);

    /// <summary>Cancer status from a follow-up answer; allowed on completed cases.</summary>
    public Decision RecordFollowUpAnswer(TumorFollowUpRecorded e, ItemValidator? validator = null) => RecordAfterCompletion(e, validator);

    private Decision RecordAfterCompletion(ItemsEvent e, ItemValidator? validator) =>
        NotEditable() ?? Decision.AcceptIfValid(e, Validate(e, validator));

    /// <summary>Corrects Tumor items of a completed or open case; old values come from the current state.</summary>
    public Decision Correct(IReadOnlyDictionary<string, string?> newValues, string reason, ItemValidator? validator = null)
    {
        if (NotEditable() is { } refused) return refused;
        return Corrections.Decide(_items, newValues, reason, NaaccrParent.Tumor, validator);
    }

    /// <summary>Loads Tumor items from an abstract; values are left for the edits to judge, placement is checked.</summary>
    public Decision Import(IReadOnlyDictionary<string, string> items, string source, ItemValidator? validator = null)
    {
        if (NotEditable() is { } refused) return refused;
        var errors = (validator ?? ItemValidator.Default).ValidatePlacement(items.Keys, NaaccrParent.Tumor);
        return errors.Count > 0 ? Decision.Refuse(errors) : Decision.Accept(new ItemsImported(items, source));
    }

    /// <summary>
    /// Completes the case when no error edit fails without an override; otherwise refuses with the blocking edits.
    /// Get the report with <c>EditEngine.RunEdits(patient, tumorCase, today)</c> (uses <see cref="OverriddenEdits"/>).
    /// </summary>
    public Decision Complete(EditReport report, DateOnly today)
    {
        if (NotEditable() is { } refused) return refused;
        if (IsCompleted) return Decision.Refuse("case", "The case is already completed.");
        var blocking = report.BlockingErrors.ToList();
        if (blocking.Count > 0) return Decision.RefuseEdits(blocking);
        return Decision.Accept(new CaseCompleted { DateCaseCompleted = NaaccrDate.From(today).ToString() });
    }

    public Decision Reopen(string reason)
    {
        if (!Exists) return NotOpened();
        if (!IsCompleted) return Decision.Refuse("case", "Only a completed case can be reopened.");
        return string.IsNullOrWhiteSpace(reason)
            ? Decision.Refuse("reason", "Reopening needs a reason.")
            : Decision.Accept(new CaseReopened(reason));
    }

    /// <summary>Overrides a failing edit; refused when the edit's definition does not allow overrides.</summary>
    public Decision Override(EditDefinition edit, string reason)
    {
        if (NotEditable() is { } refused) return refused;
        if (!edit.Overridable) return Decision.Refuse(edit.Id, $"Edit {edit.Id} ({edit.Title}) cannot be overridden: correct the data.");
        if (string.IsNullOrWhiteSpace(reason)) return Decision.Refuse("reason", "An override needs a reason.");
        if (_overrides.ContainsKey(edit.Id)) return Decision.Refuse(edit.Id, $"Edit {edit.Id} is already overridden.");
        return Decision.Accept(new EditOverridden(edit.Id, reason));
    }

    public Decision MarkDuplicate(Guid duplicateOfCaseId, string reason)
    {
        if (NotEditable() is { } refused) return refused;
        if (duplicateOfCaseId == Id || duplicateOfCaseId == Guid.Empty)
            return Decision.Refuse("case", "A case is a duplicate of another, existing case.");
        return string.IsNullOrWhiteSpace(reason)
            ? Decision.Refuse("reason", "Marking a duplicate needs a reason.")
            : Decision.Accept(new CaseMarkedDuplicate(duplicateOfCaseId, reason));
    }

    private Decision Record(ItemsEvent e, ItemValidator? validator)
    {
        if (NotEditable() is { } refused) return refused;
        if (IsCompleted) return Decision.Refuse("case", "The case is completed: reopen it or correct items with a reason.");
        return Decision.AcceptIfValid(e, Validate(e, validator));
    }

    private Decision? NotEditable() =>
        !Exists ? NotOpened()
        : DuplicateOf is not null ? Decision.Refuse("case", "The case is marked as a duplicate.")
        : null;

    private static IReadOnlyList<FieldError> Validate(DomainEvent e, ItemValidator? validator) =>
        (validator ?? ItemValidator.Default).Validate(e, NaaccrParent.Tumor);

    private static Decision NotOpened() => Decision.Refuse("case", "The case has not been opened.");
}
