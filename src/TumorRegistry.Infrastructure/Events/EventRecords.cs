namespace TumorRegistry.Infrastructure.Events;

/// <summary>Who did it and why: stored in Marten's event metadata (user name, correlation and causation ids, a
/// <c>reason</c> header), never inside the event's data.</summary>
public sealed record EventMetadata(
    string User,
    string? Reason = null,
    Guid? CorrelationId = null,
    Guid? CausationId = null);

/// <summary>An event as read back from the store, upcast to its current schema version.</summary>
public sealed record StoredEvent(
    long Sequence,
    Guid StreamId,
    int Version,
    string TypeName,
    int SchemaVersion,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);

/// <summary>One stream's part of an append: the events and the version the writer last read.</summary>
public sealed record StreamAppend(Guid StreamId, string StreamType, int ExpectedVersion, IReadOnlyList<object> Events)
{
    /// <summary>Append whatever the stream's current version is.</summary>
    public const int Any = -1;
    /// <summary>The stream must not exist yet.</summary>
    public const int NoStream = 0;
}

public sealed record StreamInfo(Guid Id, string Type, int Version, DateTimeOffset CreatedAt, bool Archived);

/// <summary>The stream's version was not the one the writer expected: someone else wrote first.</summary>
public sealed class ConcurrencyException(Guid streamId, int expectedVersion, int? actualVersion)
    : Exception($"Stream {streamId} was expected at version {expectedVersion} but is at {actualVersion?.ToString() ?? "no version (missing)"}.")
{
    public Guid StreamId { get; } = streamId;
    public int ExpectedVersion { get; } = expectedVersion;
    public int? ActualVersion { get; } = actualVersion;
}

public sealed class StreamNotFoundException(Guid streamId) : Exception($"Stream {streamId} does not exist.")
{
    public Guid StreamId { get; } = streamId;
}
