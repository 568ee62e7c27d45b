using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Infrastructure.EventStore;

/// <summary>
/// Streams of events in PostgreSQL: atomic appends with optimistic concurrency (one or several streams in a
/// transaction), reads of a stream whole, up to a version or as of a time, and reads of all events in
/// global sequence order. Inline projections are applied in the append's transaction.
/// </summary>
public sealed class EventStore(
    NpgsqlDataSource dataSource,
    EventTypeRegistry types,
    IEnumerable<ProjectionRegistration>? projections = null,
    TimeProvider? clock = null)
{
    private readonly IReadOnlyList<IProjection> _inline = (projections ?? [])
        .Where(p => p.Lifecycle == ProjectionLifecycle.Inline).Select(p => p.Projection).ToList();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public NpgsqlDataSource DataSource => dataSource;
    public EventTypeRegistry Types => types;

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(StreamAppend append, EventMetadata metadata, CancellationToken ct = default) =>
        await AppendManyAsync([append], metadata, ct);

    /// <summary>Appends to several streams atomically: all commit or none.</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        // One stream and no inline projection: a single statement is already atomic, so skip BEGIN/COMMIT.
        if (appends.Count(a => a.Events.Count > 0) == 1 && _inline.Count == 0)
            return await AppendCoreAsync(conn, null, appends, metadata, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var stored = await AppendInTransactionAsync(conn, tx, appends, metadata, ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>Appends inside a caller's transaction, so other writes can commit with the events.</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendInTransactionAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct = default)
    {
        var stored = await AppendCoreAsync(conn, tx, appends, metadata, ct);
        foreach (var projection in _inline)
            await projection.ApplyAsync(conn, tx, stored, ct);
        return stored;
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendCoreAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var metaJson = JsonSerializer.Serialize(metadata, types.JsonOptions);
        var stored = new List<StoredEvent>();
        foreach (var append in appends.Where(a => a.Events.Count > 0))
            stored.AddRange(await AppendStreamAsync(conn, tx, append, metadata, metaJson, now, ct));
        return stored;
    }

    /// <summary>
    /// One statement per stream: the CTE moves the stream's version only if it is the expected one (or creates the
    /// stream), and the events are inserted from its returned row, so a conflict inserts nothing. The stream row is
    /// written before the events take sequence numbers, which gives the transaction its xid first: the projection
    /// daemon's high-water mark relies on that order.
    /// </summary>
    private async Task<IReadOnlyList<StoredEvent>> AppendStreamAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, StreamAppend a,
        EventMetadata metadata, string metaJson, DateTimeOffset now, CancellationToken ct)
    {
        var n = a.Events.Count;
        var names = new string[n];
        var schemaVersions = new int[n];
        var data = new string[n];
        for (var i = 0; i < n; i++)
        {
            (names[i], schemaVersions[i]) = types.NameOf(a.Events[i].GetType());
            data[i] = types.Serialize(a.Events[i]);
        }
        var reserve = a.ExpectedVersion switch
        {
            StreamAppend.Any => "insert into streams(id, type, version, created_at) values ($1, $2, $3, $4) on conflict (id) do update set version = streams.version + $3 returning version",
            StreamAppend.NoStream => "insert into streams(id, type, version, created_at) values ($1, $2, $3, $4) on conflict (id) do nothing returning version",
            _ => "update streams set version = version + $3 where id = $1 and version = $5 and $2::text is not null and $4::timestamptz is not null returning version",
        };
        await using var cmd = new NpgsqlCommand($"""
            with s as ({reserve})
            insert into events(stream_id, version, type, schema_version, data, metadata, recorded_at)
            select $1, s.version - $3 + u.ord::int, u.t, u.sv, u.d::jsonb, $9::jsonb, $4
            from s, unnest($6::text[], $7::int[], $8::text[]) with ordinality as u(t, sv, d, ord)
            order by u.ord
            returning seq, version
            """, conn, tx);
        cmd.Parameters.AddWithValue(a.StreamId);
        cmd.Parameters.AddWithValue(a.StreamType);
        cmd.Parameters.AddWithValue(n);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(Math.Max(a.ExpectedVersion, 0));
        cmd.Parameters.AddWithValue(names);
        cmd.Parameters.AddWithValue(schemaVersions);
        cmd.Parameters.AddWithValue(data);
        cmd.Parameters.Add(new NpgsqlParameter { Value = metaJson, NpgsqlDbType = NpgsqlDbType.Text });

        var seqByVersion = new Dictionary<int, long>(n);
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) seqByVersion[reader.GetInt32(1)] = reader.GetInt64(0);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConcurrencyException(a.StreamId, a.ExpectedVersion, null);
        }
        if (seqByVersion.Count == 0)
        {
            var actual = await CurrentVersionAsync(conn, tx, a.StreamId, ct);
            if (actual is null && a.ExpectedVersion > 0) throw new StreamNotFoundException(a.StreamId);
            throw new ConcurrencyException(a.StreamId, a.ExpectedVersion, actual);
        }
        var first = seqByVersion.Keys.Min();
        return Enumerable.Range(0, n)
            .Select(i => new StoredEvent(seqByVersion[first + i], a.StreamId, first + i, names[i], schemaVersions[i], a.Events[i], metadata, now))
            .ToList();
    }

    private static async Task<int?> CurrentVersionAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid streamId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select version from streams where id = $1", conn, tx);
        cmd.Parameters.AddWithValue(streamId);
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    public async Task<StreamInfo?> GetStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select id, type, version, created_at, archived from streams where id = $1");
        cmd.Parameters.AddWithValue(streamId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StreamInfo(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4));
    }

    /// <summary>
    /// Reads a stream in version order: whole, up to <paramref name="toVersion"/>, or as it was at
    /// <paramref name="asOf"/>. An archived stream reads as empty unless <paramref name="includeArchived"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid streamId, int? toVersion = null, DateTimeOffset? asOf = null,
        bool includeArchived = false, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            select {Columns} from events e join streams s on s.id = e.stream_id
            where e.stream_id = $1 and ($2::int is null or e.version <= $2) and ($3::timestamptz is null or e.recorded_at <= $3)
              and ($4 or not s.archived)
            order by e.version
            """);
        cmd.Parameters.AddWithValue(streamId);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)toVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)asOf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.AddWithValue(includeArchived);
        return await ReadEventsAsync(cmd, ct);
    }

    /// <summary>Events after <paramref name="afterSequence"/> up to <paramref name="toSequence"/>, in global order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterSequence, int maxCount, long? toSequence = null,
        bool includeArchived = true, CancellationToken ct = default) =>
        await ReadAllAsync(null, afterSequence, maxCount, toSequence, includeArchived, ct);

    internal async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(NpgsqlConnection? conn, long afterSequence, int maxCount, long? toSequence,
        bool includeArchived, CancellationToken ct)
    {
        var sql = $"""
            select {Columns} from events e join streams s on s.id = e.stream_id
            where e.seq > $1 and ($2::bigint is null or e.seq <= $2) and ($3 or not s.archived)
            order by e.seq limit $4
            """;
        await using var cmd = conn is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(afterSequence);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)toSequence ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue(includeArchived);
        cmd.Parameters.AddWithValue(maxCount);
        return await ReadEventsAsync(cmd, ct);
    }

    /// <summary>Archives a stream: its events stay, but default reads no longer return them.</summary>
    public async Task ArchiveStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("update streams set archived = true where id = $1");
        cmd.Parameters.AddWithValue(streamId);
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw new StreamNotFoundException(streamId);
    }

    private const string Columns = "e.seq, e.stream_id, e.version, e.type, e.schema_version, e.data::text, e.metadata::text, e.recorded_at";

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(3);
            var (data, version) = types.Deserialize(name, reader.GetInt32(4), reader.GetString(5));
            var meta = JsonSerializer.Deserialize<EventMetadata>(reader.GetString(6), types.JsonOptions)!;
            list.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt32(2), name, version, data, meta,
                reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return list;
    }
}
