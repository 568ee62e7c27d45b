using TumorRegistry.Infrastructure.EventStore;

namespace TumorRegistry.Integration.Tests.EventStore;

public sealed record ItemRecorded(string Item, string Value);
public sealed record CounterBumped(int By);

public static class TestEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<ItemRecorded>("ItemRecorded")
        .Register<CounterBumped>("CounterBumped");

    public static EventMetadata Registrar(string reason = "abstracted") => new("ctr.jones", reason, Guid.NewGuid());
}
