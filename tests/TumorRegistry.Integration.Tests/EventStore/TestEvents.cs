using Marten;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Integration.Tests.EventStore;

public sealed record ItemRecorded(string Item, string Value);
public sealed record CounterBumped(int By);

public static class TestEvents
{
    /// <summary>The registry's Marten set-up plus these test events (and whatever else the test adds).</summary>
    public static DocumentStore Store(string connectionString, TimeProvider? clock = null,
        IEnumerable<RegistryProjection>? projections = null, Action<StoreOptions>? extra = null) =>
        RegistryStore.Create(connectionString, clock, projections ?? [], o =>
        {
            o.Events.MapEventType<ItemRecorded>("ItemRecorded");
            o.Events.MapEventType<CounterBumped>("CounterBumped");
            extra?.Invoke(o);
        });

    public static EventMetadata Registrar(string reason = "abstracted") => new("ctr.jones", reason, Guid.NewGuid());
}
