using TumorRegistry.Domain.Items;

namespace TumorRegistry.Domain.Events;

/// <summary>A reportable tumor was found: opens the case (one stream per primary) for a patient.</summary>
[DomainEvent("CaseOpened", 1, StreamKind.Tumor)]
public sealed record CaseOpened : ItemsEvent
{
    /// <summary>The patient stream this primary belongs to.</summary>
    public Guid PatientId { get; init; }
    [NaaccrItem("casefindingSource")] public string? CasefindingSource { get; init; }
    [NaaccrItem("reportingFacility")] public string? ReportingFacility { get; init; }
    [NaaccrItem("typeOfReportingSource")] public string? TypeOfReportingSource { get; init; }
    [NaaccrItem("accessionNumberHosp")] public string? AccessionNumberHosp { get; init; }
}

/// <summary>Where the patient lived at diagnosis (NAACCR keeps these on the tumor).</summary>
[DomainEvent("AddressAtDiagnosisRecorded", 1, StreamKind.Tumor)]
public sealed record AddressAtDiagnosisRecorded : ItemsEvent
{
    [NaaccrItem("addrAtDxCity")] public string? City { get; init; }
    [NaaccrItem("addrAtDxState")] public string? State { get; init; }
    /// <summary>County FIPS code (3 digits).</summary>
    [NaaccrItem("countyAtDx")] public string? County { get; init; }
    [NaaccrItem("addrAtDxPostalCode")] public string? PostalCode { get; init; }
    [NaaccrItem("censusTract2020")] public string? CensusTract2020 { get; init; }
    [NaaccrItem("addrAtDxCountry")] public string? Country { get; init; }
}

/// <summary>The diagnosis: site, morphology, grade, confirmation, date and sequence.</summary>
[DomainEvent("DiagnosisRecorded", 1, StreamKind.Tumor)]
public sealed record DiagnosisRecorded : ItemsEvent
{
    [NaaccrItem("primarySite")] public string? PrimarySite { get; init; }
    [NaaccrItem("laterality")] public string? Laterality { get; init; }
    [NaaccrItem("histologicTypeIcdO3")] public string? Histology { get; init; }
    [NaaccrItem("behaviorCodeIcdO3")] public string? Behavior { get; init; }
    [NaaccrItem("gradeClinical")] public string? GradeClinical { get; init; }
    [NaaccrItem("gradePathological")] public string? GradePathological { get; init; }
    [NaaccrItem("gradePostTherapyClin")] public string? GradePostTherapyClin { get; init; }
    [NaaccrItem("gradePostTherapy")] public string? GradePostTherapyPath { get; init; }
    [NaaccrItem("grade")] public string? Grade { get; init; }
    [NaaccrItem("diagnosticConfirmation")] public string? DiagnosticConfirmation { get; init; }
    [NaaccrItem("dateOfDiagnosis")] public string? DateOfDiagnosis { get; init; }
    [NaaccrItem("ageAtDiagnosis")] public string? AgeAtDiagnosis { get; init; }
    [NaaccrItem("sequenceNumberHospital")] public string? SequenceNumberHospital { get; init; }
    [NaaccrItem("sequenceNumberCentral")] public string? SequenceNumberCentral { get; init; }
    [NaaccrItem("classOfCase")] public string? ClassOfCase { get; init; }
}

/// <summary>Stage at diagnosis: Summary Stage 2018, EOD and, when staged, AJCC TNM.</summary>
[DomainEvent("StageRecorded", 1, StreamKind.Tumor)]
public sealed record StageRecorded : ItemsEvent
{
    [NaaccrItem("summaryStage2018")] public string? SummaryStage2018 { get; init; }
    [NaaccrItem("eodPrimaryTumor")] public string? EodPrimaryTumor { get; init; }
    [NaaccrItem("eodRegionalNodes")] public string? EodRegionalNodes { get; init; }
    [NaaccrItem("eodMets")] public string? EodMets { get; init; }
    [NaaccrItem("ajccId")] public string? AjccId { get; init; }
    [NaaccrItem("ajccTnmClinT")] public string? AjccClinicalT { get; init; }
    [NaaccrItem("ajccTnmClinN")] public string? AjccClinicalN { get; init; }
    [NaaccrItem("ajccTnmClinM")] public string? AjccClinicalM { get; init; }
    [NaaccrItem("ajccTnmClinStageGroup")] public string? AjccClinicalStageGroup { get; init; }
    [NaaccrItem("ajccTnmPathT")] public string? AjccPathologicalT { get; init; }
    [NaaccrItem("ajccTnmPathN")] public string? AjccPathologicalN { get; init; }
    [NaaccrItem("ajccTnmPathM")] public string? AjccPathologicalM { get; init; }
    [NaaccrItem("ajccTnmPathStageGroup")] public string? AjccPathologicalStageGroup { get; init; }
}

/// <summary>First course of treatment summary: surgery, radiation, systemic therapy, with dates.</summary>
[DomainEvent("TreatmentRecorded", 1, StreamKind.Tumor)]
public sealed record TreatmentRecorded : ItemsEvent
{
    [NaaccrItem("rxSummSurgPrimSite")] public string? SurgeryOfPrimarySite { get; init; }
    [NaaccrItem("rxDateSurgery")] public string? DateOfSurgery { get; init; }
    [NaaccrItem("rxSummScopeRegLnSur")] public string? ScopeOfRegionalLymphNodeSurgery { get; init; }
    [NaaccrItem("rxSummSurgOthRegDis")] public string? SurgeryOfOtherRegionalDistantSites { get; init; }
    [NaaccrItem("reasonForNoSurgery")] public string? ReasonForNoSurgery { get; init; }
    [NaaccrItem("phase1RadiationTreatmentModality")] public string? RadiationModality { get; init; }
    [NaaccrItem("rxDateRadiation")] public string? DateOfRadiation { get; init; }
    [NaaccrItem("reasonForNoRadiation")] public string? ReasonForNoRadiation { get; init; }
    [NaaccrItem("rxSummChemo")] public string? Chemotherapy { get; init; }
    [NaaccrItem("rxDateChemo")] public string? DateOfChemotherapy { get; init; }
    [NaaccrItem("rxSummHormone")] public string? HormoneTherapy { get; init; }
    [NaaccrItem("rxDateHormone")] public string? DateOfHormoneTherapy { get; init; }
    [NaaccrItem("rxSummBrm")] public string? Immunotherapy { get; init; }
    [NaaccrItem("rxDateBrm")] public string? DateOfImmunotherapy { get; init; }
    [NaaccrItem("rxDateSystemic")] public string? DateOfSystemicTherapy { get; init; }
    [NaaccrItem("rxSummSystemicSurSeq")] public string? SystemicSurgerySequence { get; init; }
    [NaaccrItem("rxSummTreatmentStatus")] public string? TreatmentStatus { get; init; }
}

/// <summary>Tumor-level follow-up: cancer status and where the next follow-up comes from.</summary>
[DomainEvent("TumorFollowUpRecorded", 1, StreamKind.Tumor)]
public sealed record TumorFollowUpRecorded : ItemsEvent
{
    [NaaccrItem("cancerStatus")] public string? CancerStatus { get; init; }
    [NaaccrItem("dateOfLastCancerStatus")] public string? DateOfLastCancerStatus { get; init; }
    [NaaccrItem("followUpSource")] public string? FollowUpSource { get; init; }
    [NaaccrItem("nextFollowUpSource")] public string? NextFollowUpSource { get; init; }
}

/// <summary>The abstract passed its edits and was closed.</summary>
[DomainEvent("CaseCompleted", 1, StreamKind.Tumor)]
public sealed record CaseCompleted : ItemsEvent
{
    [NaaccrItem("dateCaseCompleted")] public string? DateCaseCompleted { get; init; }
}

/// <summary>A completed case is opened again for changes.</summary>
[DomainEvent("CaseReopened", 1, StreamKind.Tumor)]
public sealed record CaseReopened(string Reason) : DomainEvent;

/// <summary>A registrar reviewed a failing edit and confirmed the data are right.</summary>
[DomainEvent("EditOverridden", 1, StreamKind.Tumor)]
public sealed record EditOverridden(string EditId, string Reason) : DomainEvent;

/// <summary>This case is the same primary as another case; it no longer counts.</summary>
[DomainEvent("CaseMarkedDuplicate", 1, StreamKind.Tumor)]
public sealed record CaseMarkedDuplicate(Guid DuplicateOfCaseId, string Reason) : DomainEvent;

/// <summary>Values changed after they were recorded: each item with old and new value, and why.</summary>
[DomainEvent("ItemsCorrected", 1, StreamKind.Both)]
public sealed record ItemsCorrected(IReadOnlyList<ItemCorrection> Corrections, string Reason) : DomainEvent;

/// <summary>Items loaded as a whole from an abstract (e.g. a NAACCR XML record), typed or not.</summary>
[DomainEvent("ItemsImported", 1, StreamKind.Both)]
public sealed record ItemsImported(IReadOnlyDictionary<string, string> Items, string Source) : DomainEvent;
