using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Infrastructure.Events;

/// <summary>The same rows written without Marten: a plain INSERT per event, and binary COPY into copies of
/// marten.mt_streams/mt_events (same columns, indexes and foreign key) with the JSON serialised beforehand.</summary>
internal sealed class Floor(NpgsqlDataSource db)
{
    public sealed record Row(long Seq, Guid Id, Guid StreamId, int Version, byte[] Data, string Type, string DotNetType, object Event);

    public async Task CreateAsync()
    {
        var m = RegistryStore.Schema;
        await ExecAsync($"""
            create table bare_events (like {m}.mt_events including defaults);
            alter table bare_events add primary key (seq_id);
            alter table bare_events alter seq_id set default nextval('{m}.mt_events_sequence');
            create schema floor;
            create table floor.mt_streams (like {m}.mt_streams including all);
            create table floor.mt_events (like {m}.mt_events including all);
            """);
        // LIKE copies indexes but not foreign keys: take mt_events' own.
        await using var fks = db.CreateCommand($"select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = '{m}.mt_events'::regclass and contype = 'f'");
        var defs = new List<string>();
        await using (var r = await fks.ExecuteReaderAsync())
            while (await r.ReadAsync()) defs.Add($"alter table floor.mt_events add constraint {r.GetString(0)} {r.GetString(1).Replace($"{m}.", "floor.")}");
        foreach (var d in defs) await ExecAsync(d);
    }

    /// <summary>The foreign key to floor.mt_streams (a per-row check during COPY), to tell its cost from the indexes'.</summary>
    public async Task DropForeignKeyAsync() => await ExecAsync("""
        do $$ declare r record; begin
          for r in select conname from pg_constraint where conrelid = 'floor.mt_events'::regclass and contype = 'f' loop
            execute format('alter table floor.mt_events drop constraint %I', r.conname); end loop;
        end $$
        """);

    /// <summary>Secondary indexes and the foreign key of floor.mt_events, to drop them for the "primary key only" floor.</summary>
    public async Task DropSecondaryAsync()
    {
        await ExecAsync("""
            do $$ declare r record; begin
              for r in select conname from pg_constraint where conrelid = 'floor.mt_events'::regclass and contype in ('f', 'u') loop
                execute format('alter table floor.mt_events drop constraint %I', r.conname); end loop;
              for r in select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
                       where x.indrelid = 'floor.mt_events'::regclass and not x.indisprimary loop
                execute format('drop index floor.%I', r.relname); end loop;
            end $$
            """);
    }

    public async Task InsertOneAsync(Guid streamId, string json, string type, string dotNetType)
    {
        await using var cmd = db.CreateCommand("""
            insert into bare_events(id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived,
                correlation_id, causation_id, headers, user_name)
            values ($1, $2, 1, $3::jsonb, $4, now(), '*DEFAULT*', $5, false, $6, $7, $8::jsonb, $9)
            """);
        var meta = Data.Meta;
        cmd.Parameters.AddWithValue(Guid.CreateVersion7());
        cmd.Parameters.AddWithValue(streamId);
        cmd.Parameters.AddWithValue(json);
        cmd.Parameters.AddWithValue(type);
        cmd.Parameters.AddWithValue(dotNetType);
        cmd.Parameters.AddWithValue(meta.CorrelationId.ToString()!);
        cmd.Parameters.AddWithValue(meta.CausationId.ToString()!);
        cmd.Parameters.AddWithValue(HeadersJson);
        cmd.Parameters.AddWithValue(meta.User);
        await cmd.ExecuteNonQueryAsync();
    }

    public static string HeadersJson => $$"""{"{{RegistryEvents.ReasonHeader}}": "{{Data.Meta.Reason}}"}""";

    /// <summary>Serialises every event as Marten would (its serializer, its aliases): done before the timed COPY.</summary>
    public static List<Row> Rows(IDocumentStore store, IReadOnlyList<StreamAppend> streams)
    {
        var registry = (IEventRegistry)store.Options.Events;
        var serializer = store.Options.Serializer();
        var rows = new List<Row>(streams.Sum(s => s.Events.Count));
        long seq = 0;
        foreach (var s in streams)
            for (var v = 0; v < s.Events.Count; v++)
            {
                var mapping = registry.EventMappingFor(s.Events[v].GetType());
                rows.Add(new(++seq, Guid.CreateVersion7(), s.StreamId, v + 1, System.Text.Encoding.UTF8.GetBytes(serializer.ToJson(s.Events[v])),
                    mapping.EventTypeName, mapping.DotNetTypeName, s.Events[v]));
            }
        return rows;
    }

    /// <summary>One transaction: COPY the stream rows, then the event rows (Marten's column list). With a
    /// <paramref name="serializer"/> the JSON is made row by row during the COPY, as Marten does.</summary>
    public async Task CopyAsync(IReadOnlyList<StreamAppend> streams, IReadOnlyList<Row> rows, IReadOnlyDictionary<string, string> aggregateAliases,
        Marten.ISerializer? serializer = null)
    {
        var meta = Data.Meta;
        var headers = System.Text.Encoding.UTF8.GetBytes(HeadersJson);
        var now = DateTimeOffset.UtcNow;
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var w = await conn.BeginBinaryImportAsync("copy floor.mt_streams(id, type, version, is_archived) from stdin binary"))
        {
            foreach (var s in streams)
            {
                w.StartRow();
                w.Write(s.StreamId, NpgsqlDbType.Uuid);
                w.Write(aggregateAliases[s.StreamType], NpgsqlDbType.Varchar);
                w.Write((long)s.Events.Count, NpgsqlDbType.Bigint);
                w.Write(false, NpgsqlDbType.Boolean);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("""
            copy floor.mt_events(seq_id, id, stream_id, version, data, bdata, type, timestamp, tenant_id, mt_dotnet_type, is_archived,
                correlation_id, causation_id, headers, user_name) from stdin binary
            """))
        {
            foreach (var r in rows)
            {
                w.StartRow();
                w.Write(r.Seq, NpgsqlDbType.Bigint);
                w.Write(r.Id, NpgsqlDbType.Uuid);
                w.Write(r.StreamId, NpgsqlDbType.Uuid);
                w.Write((long)r.Version, NpgsqlDbType.Bigint);
                w.Write(serializer is null ? r.Data : System.Text.Encoding.UTF8.GetBytes(serializer.ToJson(r.Event)), NpgsqlDbType.Jsonb);
                w.WriteNull();
                w.Write(r.Type, NpgsqlDbType.Varchar);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write("*DEFAULT*", NpgsqlDbType.Varchar);
                w.Write(r.DotNetType, NpgsqlDbType.Varchar);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(meta.CorrelationId.ToString()!, NpgsqlDbType.Varchar);
                w.Write(meta.CausationId.ToString()!, NpgsqlDbType.Varchar);
                w.Write(headers, NpgsqlDbType.Jsonb);
                w.Write(meta.User, NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync();
        }
        await tx.CommitAsync();
    }

    public async Task TruncateAsync() => await ExecAsync("truncate floor.mt_events, floor.mt_streams");

    private async Task ExecAsync(string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }
}
