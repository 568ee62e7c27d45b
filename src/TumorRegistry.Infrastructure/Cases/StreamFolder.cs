using JasperFx.Events;
using Marten;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>A stream's events folded by a projection, with its kind and the last writer and time.</summary>
public sealed record FoldedStream(Guid Id, StreamKind Kind, IReadOnlyList<DomainEvent> Events, string? LastUser, DateTimeOffset LastRecordedAt);

/// <summary>
/// Whole streams for the projections: what is committed plus the events being appended now. Projections fold the
/// whole stream rather than patch rows event by event, so a row is always what the aggregate says, and a rebuild
/// (where the events are already committed) writes the same rows as the live appends did.
/// </summary>
internal static class StreamFolder
{
    public static async Task<Dictionary<Guid, FoldedStream>> FoldAsync(IDocumentOperations ops, IReadOnlyCollection<Guid> ids,
        IReadOnlyList<IEvent> pending, CancellationToken ct)
    {
        var result = new Dictionary<Guid, FoldedStream>();
        if (ids.Count == 0) return result;
        // Streams this save starts have nothing committed: only the others are read.
        var idArray = StartedStreams.Existing(ids).ToArray();
        IReadOnlyList<IEvent> committed = idArray.Length == 0 ? []
            : await ops.Events.QueryAllRawEvents().Where(e => idArray.Contains(e.StreamId)).ToListAsync(ct);
        var wanted = ids as IReadOnlySet<Guid> ?? ids.ToHashSet();
        // Committed events in version order, then the pending ones in append order (quick appends number them on the
        // server, so their versions are not known yet); an event both committed and pending (a rebuild) counts once.
        var ordered = committed.OrderBy(e => e.Version)
            .Concat(pending.Where(e => wanted.Contains(e.StreamId)))
            .DistinctBy(e => e.Id)
            .Where(e => e.Data is DomainEvent);
        foreach (var stream in ordered.GroupBy(e => e.StreamId))
        {
            var events = stream.ToList();
            var kind = DomainEvents.Of(events[0].Data.GetType()).Stream;
            result[stream.Key] = new FoldedStream(stream.Key, kind, events.Select(e => (DomainEvent)e.Data).ToList(),
                events[^1].UserName, events[^1].Timestamp.ToUniversalTime());
        }
        return result;
    }
}

/// <summary>
/// Row locks on Marten's stream rows, taken by the inline projections before they read. Marten runs inline
/// projections before it writes the events, so without them a case append and a patient append committing at once
/// would each fold the other's stream as it was before. A stream being appended is locked for update, a patient whose
/// case is being folded for share: whichever comes second waits for the first to commit and then reads its events.
/// </summary>
internal static class StreamLocks
{
    public static Task ForUpdateAsync(IDocumentOperations ops, IEnumerable<Guid> ids, CancellationToken ct) => LockAsync(ops, ids, "update", ct);

    public static Task ForShareAsync(IDocumentOperations ops, IEnumerable<Guid> ids, CancellationToken ct) => LockAsync(ops, ids, "share", ct);

    private static async Task LockAsync(IDocumentOperations ops, IEnumerable<Guid> ids, string mode, CancellationToken ct)
    {
        // A stream this save starts has no row to lock yet (and nobody else can see it before the commit).
        var array = StartedStreams.Existing(ids).Distinct().Order().ToArray();
        if (array.Length == 0) return;
        await ops.AdvancedSql.QueryAsync<Guid>(
            $"select id from {RegistryStore.Schema}.mt_streams where id = any(?) order by id for {mode}", ct, array);
    }
}
