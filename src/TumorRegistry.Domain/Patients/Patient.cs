using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.Demographics;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Patients;

/// <summary>
/// The patient stream folded: identity, demographics, follow-up and death as current NAACCR Patient items.
/// Decision methods validate and return the events to append; they never change the state themselves.
/// </summary>
public sealed class Patient
{
    private readonly Dictionary<string, string> _items = new(StringComparer.Ordinal);

    public Guid Id { get; }
    public bool Exists { get; private set; }
    public int Version { get; private set; }

    /// <summary>Current Patient-level items by naaccrId (blank items absent).</summary>
    public IReadOnlyDictionary<string, string> Items => _items;

    public string? PatientIdNumber => _items.GetValueOrDefault("patientIdNumber");
    public PatientSex? Sex => PatientSex.FromItems(_items);
    public NaaccrDate? DateOfBirth => NaaccrDate.TryParse(_items.GetValueOrDefault("dateOfBirth"), out var d) ? d : null;
    public bool IsDead => _items.GetValueOrDefault("vitalStatus") == "0";

    public Patient(Guid id) => Id = id;

    /// <summary>Rebuilds a patient from its stream.</summary>
    public static Patient From(Guid id, IEnumerable<DomainEvent> events)
    {
        var p = new Patient(id);
        foreach (var e in events) p.Apply(e);
        return p;
    }

    /// <summary>Folds one event into the state (used when replaying the stream).</summary>
    public void Apply(DomainEvent e)
    {
        if (e is PatientRegistered) Exists = true;
        ItemMapping.Apply(e, _items);
        Version++;
    }

    // ---- decisions ----

    public static Decision Register(PatientRegistered e, ItemValidator? validator = null)
    {
        if (string.IsNullOrWhiteSpace(e.PatientIdNumber))
            return Decision.Refuse("patientIdNumber", "Patient ID Number is required to register a patient.");
        return Decision.AcceptIfValid(e, Validate(e, validator));
    }

    public Decision RecordDemographics(DemographicsRecorded e, ItemValidator? validator = null) => Record(e, validator);
    public Decision RecordFollowUp(FollowUpRecorded e, ItemValidator? validator = null) => Record(e, validator);

    public Decision RecordDeath(DeathRecorded e, ItemValidator? validator = null)
    {
        if (!Exists) return NotRegistered();
        if (e.VitalStatus != "0") return Decision.Refuse("vitalStatus", "A death is recorded with Vital Status 0 (dead).");
        if (string.IsNullOrWhiteSpace(e.DateOfDeath))
            return Decision.Refuse("dateOfLastContact", "Date of death (Date of Last Contact) is required.");
        return Decision.AcceptIfValid(e, Validate(e, validator));
    }

    /// <summary>Corrects Patient items: each change carries old and new value; a reason is required.</summary>
    public Decision Correct(IReadOnlyDictionary<string, string?> newValues, string reason, ItemValidator? validator = null)
    {
        if (!Exists) return NotRegistered();
        return Corrections.Decide(_items, newValues, reason, NaaccrParent.Patient, validator);
    }

    /// <summary>
    /// Loads Patient items from an abstract (e.g. NAACCR XML). Values are not code-checked here (edits report
    /// them) so legacy data is never lost; items are only checked to be Patient items. Registers the patient
    /// first when needed (the items must then carry patientIdNumber).
    /// </summary>
    public Decision Import(IReadOnlyDictionary<string, string> items, string source, ItemValidator? validator = null)
    {
        var errors = (validator ?? ItemValidator.Default).ValidatePlacement(items.Keys, NaaccrParent.Patient);
        if (errors.Count > 0) return Decision.Refuse(errors);
        if (Exists) return Decision.Accept(new ItemsImported(items, source));
        if (!items.TryGetValue("patientIdNumber", out var id) || string.IsNullOrWhiteSpace(id))
            return Decision.Refuse("patientIdNumber", "Patient ID Number is required to register a patient.");
        return Decision.Accept(new PatientRegistered { PatientIdNumber = id }, new ItemsImported(items, source));
    }

    private Decision Record(ItemsEvent e, ItemValidator? validator) =>
        Exists ? Decision.AcceptIfValid(e, Validate(e, validator)) : NotRegistered();

    private static IReadOnlyList<FieldError> Validate(DomainEvent e, ItemValidator? validator) =>
        (validator ?? ItemValidator.Default).Validate(e, NaaccrParent.Patient);

    private static Decision NotRegistered() => Decision.Refuse("patient", "The patient is not registered.");
}
