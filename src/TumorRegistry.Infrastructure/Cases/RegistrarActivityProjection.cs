using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// The <c>registrar_activity</c> table: events recorded per day, registrar and event type, for the manager's
/// workload view. A counter can lag, so Marten's async daemon feeds it; each event adds exactly one, so the total
/// equals the number of events (tombstones aside) (the daemon test checks nothing is skipped or counted twice).
/// </summary>
public sealed class RegistrarActivityProjection : RegistryProjection
{
    public const string ProjectionName = "registrar_activity";
    public override string Name => ProjectionName;
    public override string Table => "registrar_activity";
    public override ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

    public override Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // Marten writes a tombstone where a failed append had taken sequence numbers: not a registrar's work.
        foreach (var g in events.Where(e => e.Data is not Tombstone).GroupBy(e => (Day: DateOnly.FromDateTime(e.Timestamp.UtcDateTime), User: e.UserName ?? "", e.EventTypeName)))
            ops.QueueSqlCommand("""
                insert into registrar_activity(day, registrar, event_type, events) values (?::date, ?::text, ?::text, ?::int)
                on conflict (day, registrar, event_type) do update set events = registrar_activity.events + excluded.events
                """, g.Key.Day.ToDateTime(TimeOnly.MinValue), g.Key.User, g.Key.EventTypeName, g.Count());
        return Task.CompletedTask;
    }
}
