using Npgsql;

namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// The registry's first event store (tables <c>streams</c> and <c>events</c>, migration 0001) before Marten. Its
/// events are copied once into Marten's tables with the same stream ids, versions, order, names and metadata; the old
/// tables are then kept as <c>legacy_streams</c>/<c>legacy_events</c> (dropped only when empty): nothing is deleted.
/// </summary>
public static class LegacyEventStore
{
    /// <summary>Copies, in the caller's transaction; returns the number of events copied.</summary>
    public static async Task<long> CopyIntoMartenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        if (!await ExistsAsync(conn, tx, ct)) return 0;
        var m = RegistryStore.Schema;
        await ExecAsync(conn, tx, $"""
            insert into {m}.mt_streams(id, type, version, timestamp, created, tenant_id, is_archived)
            select id, case type when 'tumor' then 'tumor_case' else type end, version, created_at, created_at, '*DEFAULT*', archived
            from streams
            """, ct);
        var copied = await ExecAsync(conn, tx, $"""
            insert into {m}.mt_events(seq_id, id, stream_id, version, data, type, timestamp, tenant_id, correlation_id,
                causation_id, headers, user_name, is_archived)
            select nextval('{m}.mt_events_sequence'), gen_random_uuid(), e.stream_id, e.version, e.data,
                case when e.schema_version = 1 then e.type else e.type || '.v' || e.schema_version end, e.recorded_at,
                '*DEFAULT*', e.metadata->>'correlationId', e.metadata->>'causationId',
                case when e.metadata->>'reason' is null then null else jsonb_build_object('reason', e.metadata->>'reason') end,
                e.metadata->>'user', s.archived
            from events e join streams s on s.id = e.stream_id
            order by e.seq
            """, ct);
        if (copied == 0)
            await ExecAsync(conn, tx, "drop table events; drop table streams; drop sequence if exists events_seq; drop table if exists projection_checkpoints", ct);
        else
            await ExecAsync(conn, tx, "alter table events rename to legacy_events; alter table streams rename to legacy_streams; drop table if exists projection_checkpoints", ct);
        return copied;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select to_regclass('public.events') is not null and to_regclass('public.streams') is not null", conn, tx);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<int> ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
