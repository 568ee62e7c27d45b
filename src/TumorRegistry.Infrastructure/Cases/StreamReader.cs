using System.Text.Json;
using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.EventStore;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>A stream's events read inside a projection's transaction, with the last writer and time.</summary>
public sealed record FoldedStream(Guid Id, string Type, IReadOnlyList<DomainEvent> Events, string? LastUser, DateTimeOffset LastRecordedAt);

/// <summary>
/// Reads whole streams inside a transaction (which sees its own, not yet committed appends). Projections
/// fold the whole stream rather than patch rows event by event, so a row is always what the aggregate says.
/// </summary>
internal static class StreamReader
{
    public static async Task<Dictionary<Guid, FoldedStream>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        EventTypeRegistry types, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, FoldedStream>();
        if (ids.Count == 0) return result;
        await using var cmd = new NpgsqlCommand("""
            select s.id, s.type, e.type, e.schema_version, e.data::text, e.metadata::text, e.recorded_at
            from streams s join events e on e.stream_id = s.id
            where s.id = any($1) and s.type in ('patient', 'tumor')
            order by s.id, e.version
            """, conn, tx);
        cmd.Parameters.AddWithValue(ids.ToArray());
        var events = new Dictionary<Guid, (string Type, List<DomainEvent> List, string? User, DateTimeOffset At)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var id = r.GetGuid(0);
                var (data, _) = types.Deserialize(r.GetString(2), r.GetInt32(3), r.GetString(4));
                var meta = JsonSerializer.Deserialize<EventMetadata>(r.GetString(5), types.JsonOptions);
                if (!events.TryGetValue(id, out var entry)) entry = (r.GetString(1), [], null, default);
                entry.List.Add((DomainEvent)data);
                events[id] = (entry.Type, entry.List, meta?.User, r.GetFieldValue<DateTimeOffset>(6));
            }
        }
        foreach (var (id, e) in events) result[id] = new FoldedStream(id, e.Type, e.List, e.User, e.At);
        return result;
    }

    /// <summary>The stream types of the streams the events belong to.</summary>
    public static async Task<Dictionary<Guid, string>> TypesAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.StreamId).Distinct().ToArray();
        var types = new Dictionary<Guid, string>();
        await using var cmd = new NpgsqlCommand("select id, type from streams where id = any($1)", conn, tx);
        cmd.Parameters.AddWithValue(ids);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) types[r.GetGuid(0)] = r.GetString(1);
        return types;
    }
}
