using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Exchange;

/// <summary>A patient already in the registry, as its read model holds it (version = events on its stream).</summary>
public sealed record KnownPatient(Guid Id, int Version, IReadOnlyDictionary<string, string> Items);

/// <summary>A case already in the registry.</summary>
public sealed record KnownCase(Guid Id, Guid PatientId, int Version, IReadOnlyDictionary<string, string> Items, bool Duplicate);

/// <summary>Events for one stream; ExpectedVersion 0 starts it.</summary>
public sealed record StreamChange(Guid StreamId, bool IsPatient, int ExpectedVersion, IReadOnlyList<DomainEvent> Events);

/// <summary>What an incoming Patient element does to the registry.</summary>
public sealed record MatchOutcome(IReadOnlyList<StreamChange> Changes, bool PatientCreated, int TumorsCreated, int TumorsMatched,
    int ItemsCorrected, Guid PatientId, IReadOnlyList<Guid> CaseIds);

/// <summary>
/// Matching instead of duplicating: an incoming patient matched to a known one (by the caller: Patient ID Number within
/// the reporting registry, else a tumor's accession and sequence at its facility) gets only what changed, as an
/// ItemsCorrected event with the import's reason; each tumor is matched to a case of that patient by Tumor Record
/// Number, else Reporting Facility + Accession Number--Hosp + Sequence Number--Hosp. Items the file leaves out are
/// kept as they are (a record may carry fewer items than the registry holds), and so is the registry's Patient ID
/// Number. No match creates the stream.
/// </summary>
public static class NaaccrMatching
{
    public static readonly string[] AccessionKey = ["reportingFacility", "accessionNumberHosp", "sequenceNumberHospital"];

    /// <summary>The facility/accession/sequence key of a tumor, or null when any part is blank.</summary>
    public static (string Facility, string Accession, string Sequence)? AccessionOf(IReadOnlyDictionary<string, string> items) =>
        items.GetValueOrDefault("reportingFacility") is { Length: > 0 } f && items.GetValueOrDefault("accessionNumberHosp") is { Length: > 0 } a
        && items.GetValueOrDefault("sequenceNumberHospital") is { Length: > 0 } s ? (f, a, s) : null;

    /// <summary>
    /// Decides the events for one record. <paramref name="patient"/> null: a new patient with new cases.
    /// Throws <see cref="NaaccrRecordRefusedException"/> when a matched case cannot take changes (marked duplicate).
    /// </summary>
    public static MatchOutcome Decide(NaaccrPatientRecord record, KnownPatient? patient, IReadOnlyList<KnownCase> cases,
        string source, string reason, Func<Guid> newId)
    {
        if (patient is null)
        {
            var created = NaaccrXmlExchange.ToEvents(record, source, newId);
            var changes = new List<StreamChange> { new(created.PatientId, true, 0, created.PatientEvents) };
            changes.AddRange(created.Cases.Select(c => new StreamChange(c.CaseId, false, 0, c.Events)));
            return new MatchOutcome(changes, true, created.Cases.Count, 0, 0, created.PatientId, created.Cases.Select(c => c.CaseId).ToList());
        }

        var placement = Validation.ItemValidator.Default.ValidatePlacement(record.Items.Keys, Standards.Dictionary.NaaccrParent.Patient);
        if (placement.Count > 0) throw new NaaccrRecordRefusedException(null, placement);
        var result = new List<StreamChange>();
        var corrected = 0;
        // The Patient ID Number is the sender's key (matched by accession it may differ): the registry keeps its own.
        if (Differences(patient.Items, record.Items).Where(c => c.NaaccrId != "patientIdNumber").ToList() is { Count: > 0 } pc)
        {
            result.Add(new StreamChange(patient.Id, true, patient.Version, [new ItemsCorrected(pc, reason)]));
            corrected += pc.Count;
        }
        var unused = cases.ToList();
        int createdTumors = 0, matched = 0;
        var ids = new List<Guid>();
        for (var t = 0; t < record.Tumors.Count; t++)
        {
            var tumor = record.Tumors[t];
            var match = FindCase(unused, tumor.Items);
            if (match is null)
            {
                var caseId = newId();
                var opened = new CaseOpened { PatientId = patient.Id };
                var imported = TumorCase.From(caseId, [opened]).Import(tumor.Items, source);
                if (!imported.Accepted) throw new NaaccrRecordRefusedException(t + 1, imported.Errors);
                result.Add(new StreamChange(caseId, false, 0, [opened, .. imported.Events]));
                createdTumors++;
                ids.Add(caseId);
                continue;
            }
            unused.Remove(match);
            matched++;
            ids.Add(match.Id);
            var tc = Differences(match.Items, tumor.Items);
            if (tc.Count == 0) continue;
            if (match.Duplicate)
                throw new NaaccrRecordRefusedException(t + 1, [new("case", "The matching case is marked as a duplicate: its values are not changed by an import.")]);
            var tumorPlacement = Validation.ItemValidator.Default.ValidatePlacement(tumor.Items.Keys, Standards.Dictionary.NaaccrParent.Tumor);
            if (tumorPlacement.Count > 0) throw new NaaccrRecordRefusedException(t + 1, tumorPlacement);
            result.Add(new StreamChange(match.Id, false, match.Version, [new ItemsCorrected(tc, reason)]));
            corrected += tc.Count;
        }
        return new MatchOutcome(result, false, createdTumors, matched, corrected, patient.Id, ids);
    }

    private static KnownCase? FindCase(List<KnownCase> cases, IReadOnlyDictionary<string, string> items)
    {
        if (items.GetValueOrDefault("tumorRecordNumber") is { Length: > 0 } number
            && cases.FirstOrDefault(c => c.Items.GetValueOrDefault("tumorRecordNumber") == number) is { } byNumber)
            return byNumber;
        return AccessionOf(items) is { } key ? cases.FirstOrDefault(c => AccessionOf(c.Items) == key) : null;
    }

    /// <summary>Items of the file whose value differs from the registry's (blank values in the file change nothing).</summary>
    private static List<ItemCorrection> Differences(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> incoming) =>
        incoming.Where(kv => kv.Value.Length > 0 && current.GetValueOrDefault(kv.Key) != kv.Value)
            .Select(kv => new ItemCorrection(kv.Key, current.GetValueOrDefault(kv.Key), kv.Value))
            .ToList();
}
