using TumorRegistry.Domain.Items;

namespace TumorRegistry.Domain.Events;

/// <summary>
/// Who follows the patient for this tumor and whom else to ask: NAACCR Physician--Managing [2460], Physician--Follow-Up
/// [2470], their NPIs [2465], [2475], and the Follow-Up Contact [2394, 2392, 2393, 1842, 1844, 1846, 1847]. Null leaves
/// an item unchanged, "" blanks it. Recorded on open and completed cases alike: follow-up goes on after completion.
/// </summary>
[DomainEvent("FollowUpContactsRecorded", 1, StreamKind.Tumor)]
public sealed record FollowUpContactsRecorded : ItemsEvent
{
    [NaaccrItem("physicianManaging")] public string? PhysicianManaging { get; init; }
    [NaaccrItem("npiPhysicianManaging")] public string? NpiPhysicianManaging { get; init; }
    [NaaccrItem("physicianFollowUp")] public string? PhysicianFollowUp { get; init; }
    [NaaccrItem("npiPhysicianFollowUp")] public string? NpiPhysicianFollowUp { get; init; }
    [NaaccrItem("followUpContactName")] public string? ContactName { get; init; }
    [NaaccrItem("followUpContactNost")] public string? ContactStreet { get; init; }
    [NaaccrItem("followUpContactSuppl")] public string? ContactSupplement { get; init; }
    [NaaccrItem("followUpContactCity")] public string? ContactCity { get; init; }
    [NaaccrItem("followUpContactState")] public string? ContactState { get; init; }
    [NaaccrItem("followUpContactPostal")] public string? ContactPostalCode { get; init; }
    [NaaccrItem("followupContactCountry")] public string? ContactCountry { get; init; }
}

/// <summary>Whom a follow-up request goes to: the physician (by the abstracted code and NPI), the patient or the contact.</summary>
public sealed record FollowUpAddressee(string Kind, string? Name, string? Npi, string? Street, string? Supplement, string? City,
    string? State, string? PostalCode)
{
    public const string Physician = "physician";
    public const string Patient = "patient";
    public const string Contact = "contact";
}

/// <summary>The nightly due-list job asked for this patient's yearly follow-up (due 12 months after the last contact).</summary>
[DomainEvent("FollowUpRequested", 1, StreamKind.Patient)]
public sealed record FollowUpRequested(Guid RequestId, DateOnly DueOn, DateOnly RequestedOn, FollowUpAddressee Addressee,
    string LetterTemplate, IReadOnlyList<Guid> Cases) : DomainEvent;

/// <summary>The request's letter went out in a batch (the mailing date, never a contact date).</summary>
[DomainEvent("FollowUpLetterSent", 1, StreamKind.Patient)]
public sealed record FollowUpLetterSent(Guid RequestId, Guid BatchId, DateOnly SentOn, string Addressee) : DomainEvent;

/// <summary>No answer after the configured days: the request now goes to the next source.</summary>
[DomainEvent("FollowUpEscalated", 1, StreamKind.Patient)]
public sealed record FollowUpEscalated(Guid RequestId, DateOnly EscalatedOn, FollowUpAddressee Addressee, string LetterTemplate)
    : DomainEvent;

/// <summary>
/// A follow-up answer. ContactDate is the date of the information (SEER: when the patient was last known alive or died,
/// never when a letter was mailed or answered); it becomes Date of Last Contact [1750] with Vital Status [1760] only when
/// later than the one on record (then the items are set, else left null). Closes the open request, if any.
/// </summary>
[DomainEvent("FollowUpAnswered", 1, StreamKind.Patient)]
public sealed record FollowUpAnswered : ItemsEvent
{
    public Guid? RequestId { get; init; }
    public required string ContactDate { get; init; }
    public required string AnswerVitalStatus { get; init; }
    /// <summary>Follow-Up Source [1790] code of who answered.</summary>
    public required string Source { get; init; }
    public DateOnly ReceivedOn { get; init; }
    [NaaccrItem("dateOfLastContact")] public string? DateOfLastContact { get; init; }
    [NaaccrItem("vitalStatus")] public string? VitalStatus { get; init; }
}

/// <summary>No contact for more than 15 months (CoC): the patient is lost to follow-up, and stays on the lists.</summary>
[DomainEvent("FollowUpLost", 1, StreamKind.Patient)]
public sealed record FollowUpLost(DateOnly LostOn, string? DateOfLastContact) : DomainEvent;

/// <summary>A lost patient was found again: an answer brought a contact within the last 15 months.</summary>
[DomainEvent("FollowUpRestored", 1, StreamKind.Patient)]
public sealed record FollowUpRestored(DateOnly RestoredOn, string ContactDate) : DomainEvent;
