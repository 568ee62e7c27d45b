using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.EventStore;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>Stream type names stored in <c>streams.type</c>.</summary>
public static class StreamTypes
{
    public const string Patient = "patient";
    public const string Tumor = "tumor";
}

/// <summary>The event store's type registry with every domain event under its stable name and schema version.</summary>
public static class RegistryEventTypes
{
    public static EventTypeRegistry Create()
    {
        var registry = new EventTypeRegistry();
        foreach (var e in DomainEvents.All) registry.Register(e.Type, e.Name, e.SchemaVersion);
        return registry;
    }
}
