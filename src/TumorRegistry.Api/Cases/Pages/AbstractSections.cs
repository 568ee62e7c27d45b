using TumorRegistry.Domain.Events;

namespace TumorRegistry.Api.Cases.Pages;

/// <summary>
/// A section of the abstract as registrars lay it out: the event one save records, on the patient or the tumor stream,
/// and the NAACCR items it shows. Text items travel as the diagnosis event's other items (they have no typed field).
/// </summary>
public sealed record AbstractSection(string Id, string Title, bool OnPatient, Type EventType, IReadOnlyList<string> Items, bool AsOtherItems = false);

public static class AbstractSections
{
    public static readonly IReadOnlyList<AbstractSection> All =
    [
        new("patient", "Patient", true, typeof(DemographicsRecorded),
            ["nameLast", "nameFirst", "dateOfBirth", "sex", "race1", "spanishHispanicOrigin", "socialSecurityNumber", "birthplaceState"]),
        new("address", "Address at diagnosis", false, typeof(AddressAtDiagnosisRecorded),
            ["addrAtDxCity", "addrAtDxState", "countyAtDx", "addrAtDxPostalCode", "addrAtDxCountry"]),
        new("diagnosis", "Diagnosis", false, typeof(DiagnosisRecorded),
            ["primarySite", "laterality", "histologicTypeIcdO3", "behaviorCodeIcdO3", "gradeClinical", "gradePathological",
             "diagnosticConfirmation", "dateOfDiagnosis", "sequenceNumberHospital", "classOfCase"]),
        new("stage", "Stage", false, typeof(StageRecorded),
            ["summaryStage2018", "eodPrimaryTumor", "eodRegionalNodes", "eodMets"]),
        new("treatment", "First course of treatment", false, typeof(TreatmentRecorded),
            ["rxSummSurgPrimSite", "rxDateSurgery", "reasonForNoSurgery", "phase1RadiationTreatmentModality", "rxDateRadiation",
             "reasonForNoRadiation", "rxSummChemo", "rxDateChemo", "rxSummHormone", "rxDateHormone", "rxSummTreatmentStatus"]),
        new("follow-up", "Follow-up (patient)", true, typeof(FollowUpRecorded), ["dateOfLastContact", "vitalStatus"]),
        new("cancer-status", "Follow-up (this tumor)", false, typeof(TumorFollowUpRecorded),
            ["cancerStatus", "dateOfLastCancerStatus", "followUpSource", "nextFollowUpSource"]),
        new("text", "Text", false, typeof(DiagnosisRecorded),
            ["textDxProcPe", "textPrimarySiteTitle", "textHistologyTitle", "textStaging", "textRemarks"], AsOtherItems: true),
    ];

    public static AbstractSection? Find(string? id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>The event of one save: only the items that change (an emptied field blanks its item).</summary>
    public static ItemsEvent Build(AbstractSection section, IReadOnlyDictionary<string, string> changes)
    {
        var e = (ItemsEvent)Activator.CreateInstance(section.EventType)!;
        if (section.AsOtherItems) return e with { OtherItems = changes.ToDictionary() };
        foreach (var field in TumorRegistry.Domain.Items.ItemMapping.FieldsOf(section.EventType))
            if (changes.TryGetValue(field.NaaccrId, out var value)) field.Property.SetValue(e, value);
        return e;
    }
}
