using TumorRegistry.Domain.Items;

namespace TumorRegistry.Domain.Events;

/// <summary>A person enters the registry under a patient id number.</summary>
[DomainEvent("PatientRegistered", 1, StreamKind.Patient)]
public sealed record PatientRegistered : ItemsEvent
{
    [NaaccrItem("patientIdNumber")] public string? PatientIdNumber { get; init; }
}

/// <summary>Identity and demographics as abstracted. Null leaves an item unchanged; "" blanks it.</summary>
[DomainEvent("DemographicsRecorded", 1, StreamKind.Patient)]
public sealed record DemographicsRecorded : ItemsEvent
{
    [NaaccrItem("nameLast")] public string? NameLast { get; init; }
    [NaaccrItem("nameFirst")] public string? NameFirst { get; init; }
    [NaaccrItem("nameMiddle")] public string? NameMiddle { get; init; }
    [NaaccrItem("nameBirthSurname")] public string? NameBirthSurname { get; init; }
    [NaaccrItem("dateOfBirth")] public string? DateOfBirth { get; init; }
    /// <summary>v25 Sex [220]; a v26 Sex Assigned at Birth is mapped to it with PatientSex.</summary>
    [NaaccrItem("sex")] public string? Sex { get; init; }
    [NaaccrItem("race1")] public string? Race1 { get; init; }
    [NaaccrItem("race2")] public string? Race2 { get; init; }
    [NaaccrItem("race3")] public string? Race3 { get; init; }
    [NaaccrItem("race4")] public string? Race4 { get; init; }
    [NaaccrItem("race5")] public string? Race5 { get; init; }
    [NaaccrItem("spanishHispanicOrigin")] public string? SpanishHispanicOrigin { get; init; }
    [NaaccrItem("socialSecurityNumber")] public string? SocialSecurityNumber { get; init; }
    [NaaccrItem("birthplaceState")] public string? BirthplaceState { get; init; }
}

/// <summary>Patient-level follow-up: last contact and vital status.</summary>
[DomainEvent("FollowUpRecorded", 1, StreamKind.Patient)]
public sealed record FollowUpRecorded : ItemsEvent
{
    [NaaccrItem("dateOfLastContact")] public string? DateOfLastContact { get; init; }
    [NaaccrItem("vitalStatus")] public string? VitalStatus { get; init; }
}

/// <summary>The patient died: date of death is the date of last contact; vital status becomes 0 (dead).</summary>
[DomainEvent("DeathRecorded", 1, StreamKind.Patient)]
public sealed record DeathRecorded : ItemsEvent
{
    [NaaccrItem("dateOfLastContact")] public string? DateOfDeath { get; init; }
    [NaaccrItem("vitalStatus")] public string VitalStatus { get; init; } = "0";
    [NaaccrItem("causeOfDeath")] public string? CauseOfDeath { get; init; }
    [NaaccrItem("icdRevisionNumber")] public string? IcdRevisionNumber { get; init; }
    [NaaccrItem("placeOfDeathState")] public string? PlaceOfDeathState { get; init; }
}
