using JasperFx.Events;
using Marten;
using Marten.Events;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

/// <summary>The ways to load new streams through Marten, all from the same <see cref="StreamAppend"/>s.</summary>
internal static class BulkPaths
{
    /// <summary>The registry's path: RegistryEvents.BulkAppendNewStreamsAsync (BulkInsertEventsAsync, binary COPY).</summary>
    public static Task<long> RegistryBulkAsync(IDocumentStore store, IReadOnlyList<StreamAppend> streams, int batchSize) =>
        new RegistryEvents(store).BulkAppendNewStreamsAsync(streams, Data.Meta, batchSize);

    /// <summary>Ordinary appends: <paramref name="perSave"/> new streams per session (one transaction, one SaveChanges).</summary>
    public static async Task SessionsAsync(IDocumentStore store, IReadOnlyList<StreamAppend> streams, int perSave)
    {
        var events = new RegistryEvents(store);
        for (var i = 0; i < streams.Count; i += perSave)
            await events.AppendManyAsync(streams.Skip(i).Take(perSave).ToList(), Data.Meta);
    }

    /// <summary>Marten's streaming import: stream headers first, then the events lazily, in bounded memory.</summary>
    public static Task StreamingAsync(DocumentStore store, IReadOnlyList<StreamAppend> streams, BulkEventSequenceMode mode,
        long firstSequence, int batchSize)
    {
        var headers = streams.Select(s => new BulkEventStreamHeader
        {
            Id = s.StreamId, Version = s.Events.Count,
            AggregateType = s.StreamType == StreamTypes.Patient ? typeof(Patient) : typeof(TumorCase),
        }).ToList();
        return store.BulkInsertEventStreamAsync(store.Tenancy.Default.TenantId, headers,
            EventsAsync(store, streams, mode == BulkEventSequenceMode.PreserveSourceSequence ? firstSequence : null), mode, batchSize);
    }

    private static async IAsyncEnumerable<IEvent> EventsAsync(IDocumentStore store, IReadOnlyList<StreamAppend> streams, long? firstSequence)
    {
        var registry = (IEventRegistry)store.Options.Events;
        var clock = registry.TimeProvider;
        var meta = Data.Meta;
        var seq = firstSequence ?? 0;
        foreach (var s in streams)
            for (var v = 0; v < s.Events.Count; v++)
            {
                var e = registry.BuildEvent(s.Events[v]);
                e.StreamId = s.StreamId;
                e.Version = v + 1;
                e.Id = Guid.CreateVersion7();
                e.Timestamp = clock.GetUtcNow();
                e.UserName = meta.User;
                e.CorrelationId = meta.CorrelationId.ToString();
                e.CausationId = meta.CausationId.ToString();
                e.SetHeader(RegistryEvents.ReasonHeader, meta.Reason!);
                if (firstSequence is not null) e.Sequence = seq++;
                yield return e;
            }
        await Task.CompletedTask;
    }

    public static Dictionary<string, string> AggregateAliases(IDocumentStore store)
    {
        var registry = (IEventRegistry)store.Options.Events;
        return new()
        {
            [StreamTypes.Patient] = registry.AggregateAliasFor(typeof(Patient)),
            [StreamTypes.Tumor] = registry.AggregateAliasFor(typeof(TumorCase)),
        };
    }
}
