namespace TumorRegistry.Domain.Events;

/// <summary>
/// Base of every domain event: immutable, past tense, carrying item values only. Who, when and why
/// (user, timestamp, reason) are event metadata supplied by the store.
/// </summary>
public abstract record DomainEvent;

/// <summary>An event that records NAACCR item values.</summary>
public abstract record ItemsEvent : DomainEvent
{
    /// <summary>
    /// Items the model does not type, by naaccrId (e.g. from an imported abstract). Kept as given, never dropped.
    /// </summary>
    public IReadOnlyDictionary<string, string>? OtherItems { get; init; }
}

/// <summary>One item's change in a correction.</summary>
/// <param name="OldValue">The value before the correction; null when the item was blank.</param>
/// <param name="NewValue">The corrected value; null blanks the item.</param>
public sealed record ItemCorrection(string NaaccrId, string? OldValue, string? NewValue);
