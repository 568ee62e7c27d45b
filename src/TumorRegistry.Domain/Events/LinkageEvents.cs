namespace TumorRegistry.Domain.Events;

/// <summary>
/// A registrar confirmed that two patient records are the same person (linkage review). Appended to the first
/// patient's stream; who and why are the event's metadata. Confirmed pairs are matches in the next weight estimate.
/// </summary>
[DomainEvent("PatientLinkConfirmed", 1, StreamKind.Patient)]
public sealed record PatientLinkConfirmed(Guid PatientId, Guid OtherPatientId, double Weight) : DomainEvent;

/// <summary>A registrar decided two patient records are different people; a non-match in the next estimate.</summary>
[DomainEvent("PatientLinkRejected", 1, StreamKind.Patient)]
public sealed record PatientLinkRejected(Guid PatientId, Guid OtherPatientId, double Weight) : DomainEvent;
