namespace TumorRegistry.Domain.Events;

/// <summary>Which stream an event belongs to.</summary>
public enum StreamKind { Patient, Tumor, Both }

/// <summary>
/// The stable name and schema version an event is stored under. Bump the version when the
/// shape changes and register an upcaster from the old version in the event store.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DomainEventAttribute(string name, int schemaVersion, StreamKind stream) : Attribute
{
    public string Name { get; } = name;
    public int SchemaVersion { get; } = schemaVersion;
    public StreamKind Stream { get; } = stream;
}
