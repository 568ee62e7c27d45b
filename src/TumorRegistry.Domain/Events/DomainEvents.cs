using System.Reflection;

namespace TumorRegistry.Domain.Events;

/// <summary>An event type with the name and schema version it is stored under.</summary>
public sealed record DomainEventType(Type Type, string Name, int SchemaVersion, StreamKind Stream);

/// <summary>
/// Every domain event type, found from [DomainEvent]. Register these with the event store:
/// <c>foreach (var e in DomainEvents.All) registry.Register(e.Type, e.Name, e.SchemaVersion);</c>
/// </summary>
public static class DomainEvents
{
    public static IReadOnlyList<DomainEventType> All { get; } = typeof(DomainEvent).Assembly.GetTypes()
        .Select(t => (t, a: t.GetCustomAttribute<DomainEventAttribute>()))
        .Where(x => x.a is not null)
        .Select(x => new DomainEventType(x.t, x.a!.Name, x.a.SchemaVersion, x.a.Stream))
        .OrderBy(x => x.Name, StringComparer.Ordinal)
        .ToList();

    public static DomainEventType Of(Type type) =>
        All.FirstOrDefault(e => e.Type == type) ?? throw new ArgumentException($"{type.Name} is not a domain event.");
}
