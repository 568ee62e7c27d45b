using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Infrastructure.EventStore;

/// <summary>
/// Bulk loading for imports (NAACCR files, the demo registry): new streams only, written with binary COPY in
/// one transaction. Inline projections are not applied here; rebuild them after the load.
/// </summary>
public static class EventStoreBulkExtensions
{
    public static async Task<long> BulkAppendNewStreamsAsync(this EventStore store, IEnumerable<StreamAppend> appends,
        EventMetadata metadata, DateTimeOffset? recordedAt = null, CancellationToken ct = default)
    {
        var now = recordedAt ?? DateTimeOffset.UtcNow;
        var metaJson = JsonSerializer.Serialize(metadata, store.Types.JsonOptions);
        var list = appends as IReadOnlyList<StreamAppend> ?? appends.ToList();
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        // Streams first: their rows give the transaction its xid before the events take sequence numbers.
        await using (var streams = await conn.BeginBinaryImportAsync("copy streams(id, type, version, created_at) from stdin (format binary)", ct))
        {
            foreach (var a in list)
            {
                if (a.ExpectedVersion != StreamAppend.NoStream)
                    throw new ArgumentException($"Bulk append takes new streams only; stream {a.StreamId} expects version {a.ExpectedVersion}.");
                await streams.StartRowAsync(ct);
                await streams.WriteAsync(a.StreamId, NpgsqlDbType.Uuid, ct);
                await streams.WriteAsync(a.StreamType, NpgsqlDbType.Text, ct);
                await streams.WriteAsync(a.Events.Count, NpgsqlDbType.Integer, ct);
                await streams.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await streams.CompleteAsync(ct);
        }

        long count = 0;
        await using (var events = await conn.BeginBinaryImportAsync(
            "copy events(stream_id, version, type, schema_version, data, metadata, recorded_at) from stdin (format binary)", ct))
        {
            foreach (var a in list)
            {
                for (var i = 0; i < a.Events.Count; i++)
                {
                    var (name, version) = store.Types.NameOf(a.Events[i].GetType());
                    await events.StartRowAsync(ct);
                    await events.WriteAsync(a.StreamId, NpgsqlDbType.Uuid, ct);
                    await events.WriteAsync(i + 1, NpgsqlDbType.Integer, ct);
                    await events.WriteAsync(name, NpgsqlDbType.Text, ct);
                    await events.WriteAsync(version, NpgsqlDbType.Integer, ct);
                    await events.WriteAsync(store.Types.Serialize(a.Events[i]), NpgsqlDbType.Jsonb, ct);
                    await events.WriteAsync(metaJson, NpgsqlDbType.Jsonb, ct);
                    await events.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    count++;
                }
            }
            await events.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return count;
    }
}
