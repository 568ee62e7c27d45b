using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// New streams written into Marten's own tables with binary COPY on a write session's connection and transaction,
/// then the inline projections run on their events in that same transaction, so events, read models and whatever
/// else the caller writes commit together (an import batch). The rows are the ones Marten's rich append writes:
/// seq_ids drawn from Marten's sequence, versions 1..n, bodies and headers by the store's serializer, the event
/// aliases, user name, correlation and causation ids, event timestamps from the registry's clock (the EventStore tests
/// compare both row by row). Hand-written because Marten 9.58's event bulk insert (BulkInsertEventsAsync) opens and
/// commits its own connection, and its appender that takes a connection is internal: neither can join a transaction.
/// </summary>
internal static class NewStreamsCopy
{
    private const string DefaultTenant = "*DEFAULT*";

    public static async Task WriteAsync(IDocumentStore store, WriteSession session,
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, Func<StreamAppend, Type?> aggregateOf, CancellationToken ct)
    {
        var options = (StoreOptions)store.Options;
        var registry = (IEventRegistry)options.Events;
        var serializer = options.Serializer();
        var now = registry.TimeProvider.GetUtcNow();
        var events = new List<IEvent>();
        var streams = new List<(Guid Id, string? Type, int Version)>();
        foreach (var a in appends.Where(a => a.Events.Count > 0))
        {
            if (a.ExpectedVersion != StreamAppend.NoStream)
                throw new ArgumentException($"Only new streams are copied; stream {a.StreamId} expects version {a.ExpectedVersion}.");
            var version = 0;
            foreach (var data in a.Events)
            {
                var e = registry.BuildEvent(data);
                if (e.Id == Guid.Empty) e.Id = Guid.CreateVersion7(now);
                e.StreamId = a.StreamId;
                e.Version = ++version;
                e.Timestamp = now;
                e.TenantId = DefaultTenant;
                RegistryEvents.Stamp(e, metadata);
                events.Add(e);
            }
            streams.Add((a.StreamId, aggregateOf(a) is { } type ? registry.AggregateAliasFor(type) : null, version));
        }
        if (events.Count == 0) return;

        var conn = session.Connection;
        var schema = options.Events.DatabaseSchemaName;
        var sequences = await ReserveSequencesAsync(conn, session.Transaction, schema, events.Count, ct);
        for (var i = 0; i < events.Count; i++) events[i].Sequence = sequences[i];

        await using (var copy = await conn.BeginBinaryImportAsync(
            // timestamp and created left to the server's now(), as Marten's own insert of a stream does.
            $"copy {schema}.mt_streams (id, type, version, tenant_id, is_archived) from stdin (format binary)", ct))
        {
            foreach (var s in streams)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
                if (s.Type is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(s.Type, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((long)s.Version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync($"""
            copy {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                correlation_id, causation_id, headers, user_name, is_archived) from stdin (format binary)
            """, ct))
        {
            foreach (var e in events)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.StreamId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(e.EventTypeName, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.DotNetTypeName, NpgsqlDbType.Varchar, ct);
                await WriteTextAsync(copy, e.CorrelationId, ct);
                await WriteTextAsync(copy, e.CausationId, ct);
                if (e.Headers is { Count: > 0 } h) await copy.WriteAsync(serializer.ToJson(h), NpgsqlDbType.Jsonb, ct);
                else await copy.WriteNullAsync(ct);
                await WriteTextAsync(copy, e.UserName, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }

        // The inline projections, as Marten would run them on a save of these events (new streams: no lookups).
        using (StartedStreams.Begin(streams.Select(s => s.Id)))
            foreach (var p in InlineProjections(options))
                await p.ApplyAsync(session.Session, events, ct);
        // Rows a projection queued rather than copied (streams that already existed) are written by this save.
        await session.Session.SaveChangesAsync(ct);
    }

    /// <summary>The registry's inline projections, as registered with Marten (<see cref="RegistryStore.Configure"/>).</summary>
    private static IEnumerable<RegistryProjection> InlineProjections(StoreOptions options) =>
        options.Projections.All.OfType<IProjectionWrapper>().Select(w => w.InnerProjection).OfType<RegistryProjection>()
            .Where(p => p.Lifecycle == ProjectionLifecycle.Inline);

    /// <summary>Sequence numbers from Marten's own sequence, so normal appends running meanwhile never take the same.</summary>
    private static async Task<long[]> ReserveSequencesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, int count, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select nextval('{schema}.mt_events_sequence') from generate_series(1, $1)", conn, tx);
        cmd.Parameters.AddWithValue(count);
        var result = new long[count];
        var i = 0;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) result[i++] = r.GetInt64(0);
        Array.Sort(result);
        return result;
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }
}
