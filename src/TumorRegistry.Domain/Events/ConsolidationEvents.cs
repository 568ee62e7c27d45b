namespace TumorRegistry.Domain.Events;

/// <summary>An event that sets item values by rule rather than by typed fields (consolidation, its review).</summary>
public interface IChangesItems
{
    /// <summary>The naaccrId → new value pairs the event applies ("" blanks).</summary>
    IEnumerable<KeyValuePair<string, string>> ChangedItems { get; }
}

/// <summary>One item a source record changed, with the consolidation rule that changed it.</summary>
public sealed record ConsolidatedChange(string NaaccrId, string? OldValue, string NewValue, string RuleId);

/// <summary>A source disagreed with the case in a way no rule settles: the case keeps its value until a registrar resolves it.</summary>
public sealed record ConsolidationConflict(Guid ConflictId, string NaaccrId, string? CaseValue, string SourceValue, string RuleId, string Message);

/// <summary>
/// A report about this tumor (pathology, EHR, NAACCR record, abstract) was consolidated into the case: the record
/// whole as received, the items it changed by rule, and the conflicts sent to review. Re-sending it adds nothing.
/// </summary>
[DomainEvent("SourceRecordConsolidated", 1, StreamKind.Tumor)]
public sealed record SourceRecordConsolidated(
    string SourceId,
    string SourceKind,
    string? ReportingFacility,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Items,
    string ItemsHash,
    IReadOnlyList<ConsolidatedChange> Changes,
    IReadOnlyList<ConsolidationConflict> Conflicts,
    DateTimeOffset ConsolidatedAt) : DomainEvent, IChangesItems
{
    IEnumerable<KeyValuePair<string, string>> IChangesItems.ChangedItems => Changes.Select(c => new KeyValuePair<string, string>(c.NaaccrId, c.NewValue));
}

/// <summary>A registrar settled a consolidation conflict: the value chosen (the case's, the source's or another) and why.</summary>
[DomainEvent("ConsolidationConflictResolved", 1, StreamKind.Tumor)]
public sealed record ConsolidationConflictResolved(Guid ConflictId, string NaaccrId, string? OldValue, string ChosenValue, string Reason,
    DateTimeOffset ResolvedAt) : DomainEvent, IChangesItems
{
    IEnumerable<KeyValuePair<string, string>> IChangesItems.ChangedItems => [new(NaaccrId, ChosenValue)];
}
