using TumorRegistry.Domain.Events;

namespace TumorRegistry.Domain.Primaries;

/// <summary>
/// The multiple primary rules could not decide an incoming tumor of this patient: it waits in the review worklist.
/// IncomingItems are the tumor's items the rules read (site, histology, behavior, laterality, date), no identifiers.
/// </summary>
[DomainEvent("MultiplePrimaryQuestioned", 1, StreamKind.Patient)]
public sealed record MultiplePrimaryQuestioned(Guid ReviewId, IReadOnlyDictionary<string, string> IncomingItems,
    IReadOnlyList<Guid> ComparedCases, string Module, string Rule, string Reason) : DomainEvent;

/// <summary>A registrar resolved a questionable decision: the same primary as a case, or a new primary, and why.</summary>
[DomainEvent("MultiplePrimaryResolved", 1, StreamKind.Patient)]
public sealed record MultiplePrimaryResolved(Guid ReviewId, string Decision, Guid? SameAsCaseId, string Reason) : DomainEvent
{
    public const string Same = "same";
    public const string New = "new";
}
