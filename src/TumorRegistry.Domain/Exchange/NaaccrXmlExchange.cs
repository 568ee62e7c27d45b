using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards.Demographics;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Exchange;

/// <summary>The events that load one NAACCR XML Patient element: its patient stream and one stream per Tumor.</summary>
public sealed record ImportedPatient(Guid PatientId, IReadOnlyList<DomainEvent> PatientEvents,
    IReadOnlyList<(Guid CaseId, IReadOnlyList<DomainEvent> Events)> Cases);

/// <summary>A patient record, or one of its tumors (1-based), that cannot be imported, with the items at fault.</summary>
public sealed class NaaccrRecordRefusedException(int? tumor, IReadOnlyList<FieldError> errors)
    : FormatException((tumor is { } t ? $"Tumor {t} cannot be imported: " : "Patient cannot be imported: ")
        + string.Join("; ", errors.Select(e => $"{e.NaaccrId}: {e.Message}")))
{
    public int? Tumor { get; } = tumor;
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// Turns NAACCR XML records into import events and folded patients/cases back into records.
/// Every item is kept: typed or not, known to the dictionary or not.
/// </summary>
public static class NaaccrXmlExchange
{
    /// <summary>
    /// Events for a new patient and its tumors. Values are not code-checked (the edits judge them);
    /// the patient must carry patientIdNumber. Ids come from <paramref name="newId"/> (e.g. Guid.CreateVersion7).
    /// </summary>
    public static ImportedPatient ToEvents(NaaccrPatientRecord record, string source, Func<Guid> newId)
    {
        var patientId = newId();
        var patient = new Patient(patientId).Import(record.Items, source);
        if (!patient.Accepted) throw new NaaccrRecordRefusedException(null, patient.Errors);
        var cases = record.Tumors.Select((t, index) =>
        {
            var caseId = newId();
            var opened = new CaseOpened { PatientId = patientId };
            var imported = TumorCase.From(caseId, [opened]).Import(t.Items, source);
            if (!imported.Accepted) throw new NaaccrRecordRefusedException(index + 1, imported.Errors);
            return (caseId, (IReadOnlyList<DomainEvent>)[opened, .. imported.Events]);
        }).ToList();
        return new ImportedPatient(patientId, patient.Events, cases);
    }

    /// <summary>
    /// The NAACCR XML record of a patient and its cases (duplicates left out). Sex is written as the target
    /// version's item: v26 and later <c>sexAssignedAtBirth</c>, earlier <c>sex</c>.
    /// </summary>
    public static NaaccrPatientRecord ToRecord(Patient patient, IEnumerable<TumorCase> cases, NaaccrDictionary target)
    {
        var record = new NaaccrPatientRecord();
        foreach (var (k, v) in patient.Items)
            if (k is not (PatientSex.V25Item or PatientSex.V26Item)) record.Items[k] = v;
        if (patient.Sex is { } sex)
        {
            if (target.Contains(PatientSex.V26Item)) record.Items[PatientSex.V26Item] = sex.ToV26Code();
            else record.Items[PatientSex.V25Item] = sex.ToV25Code();
        }
        foreach (var c in cases.Where(c => c.DuplicateOf is null))
        {
            var tumor = new NaaccrTumorRecord();
            foreach (var (k, v) in c.Items) tumor.Items[k] = v;
            record.Tumors.Add(tumor);
        }
        return record;
    }
}
