using Npgsql;

namespace TumorRegistry.Infrastructure.EventStore;

/// <summary>
/// Feeds async projections from the global event sequence, each with its own checkpoint, and rebuilds any
/// projection from zero. It only reads up to a safe high-water mark (see <see cref="SafeHighWaterMarkAsync"/>),
/// so an event whose transaction commits after later-numbered events is never skipped.
/// </summary>
public sealed class ProjectionDaemon(EventStore store, IEnumerable<ProjectionRegistration> projections, int batchSize = 500)
{
    private readonly IReadOnlyList<ProjectionRegistration> _all = projections.ToList();
    private long _lastSafeMark;

    /// <summary>Every registered projection, inline and async.</summary>
    public IEnumerable<IProjection> AllProjections => _all.Select(p => p.Projection);

    public IEnumerable<IProjection> AsyncProjections =>
        _all.Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p => p.Projection);

    /// <summary>
    /// The highest sequence number below which every event that will ever exist is already visible.
    /// An append writes its stream row before taking sequence numbers, so any transaction holding a number up
    /// to the sequence's current value already had its xid when we read that value. We then take a fresh xid
    /// (higher than all of those) and wait until no older xid is still in progress, as a new snapshot sees it:
    /// the in-progress list of our snapshot plus the xids between its xmax and ours, which snapshots do not list.
    /// </summary>
    public async Task<long> SafeHighWaterMarkAsync(TimeSpan? maxWait = null, CancellationToken ct = default)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        long candidate;
        await using (var seq = new NpgsqlCommand("select case when is_called then last_value else 0 end from events_seq", conn))
            candidate = (long)(await seq.ExecuteScalarAsync(ct))!;
        string snapshot, ownXid;
        await using (var snap = new NpgsqlCommand("select pg_current_snapshot()::text, pg_current_xact_id()::text", conn))
        await using (var reader = await snap.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (snapshot, ownXid) = (reader.GetString(0), reader.GetString(1));
        }

        var deadline = DateTime.UtcNow + (maxWait ?? TimeSpan.FromSeconds(5));
        await using var pending = new NpgsqlCommand("""
            select exists (
                select 1 from (
                    select x from pg_snapshot_xip($1::pg_snapshot) x
                    union all
                    select g::text::xid8 from generate_series(pg_snapshot_xmax($1::pg_snapshot)::text::bigint, $2::bigint - 1) g
                ) t
                where not pg_visible_in_snapshot(t.x, pg_current_snapshot()))
            """, conn);
        pending.Parameters.AddWithValue(snapshot);
        pending.Parameters.AddWithValue(long.Parse(ownXid, System.Globalization.CultureInfo.InvariantCulture));
        while ((bool)(await pending.ExecuteScalarAsync(ct))!)
        {
            // A transaction that stays open too long: keep the last safe mark rather than risk a skip.
            if (DateTime.UtcNow > deadline) return Interlocked.Read(ref _lastSafeMark);
            await Task.Delay(5, ct);
        }
        InterlockedMax(ref _lastSafeMark, candidate);
        return candidate;
    }

    /// <summary>Brings every async projection up to the current safe high-water mark.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        var mark = await SafeHighWaterMarkAsync(ct: ct);
        foreach (var projection in AsyncProjections)
            await CatchUpAsync(projection, mark, ct);
        return mark;
    }

    /// <summary>Polls until cancelled. Safe to run on several nodes: one runner per projection holds its lock.</summary>
    public async Task RunAsync(TimeSpan pollInterval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(ct);
                await Task.Delay(pollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
        }
    }

    private async Task CatchUpAsync(IProjection projection, long mark, CancellationToken ct)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(conn, projection.Name, ct)) return;
        try
        {
            while (true)
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                var position = await CheckpointAsync(conn, tx, projection.Name, ct);
                if (position >= mark) { await tx.CommitAsync(ct); return; }
                var batch = await store.ReadAllAsync(conn, position, batchSize, mark, includeArchived: true, ct);
                var next = batch.Count == 0 ? mark : batch[^1].Sequence;
                if (batch.Count > 0) await projection.ApplyAsync(conn, tx, batch, ct);
                await SaveCheckpointAsync(conn, tx, projection.Name, next, ct);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await UnlockAsync(conn, projection.Name);
        }
    }

    /// <summary>
    /// Rebuilds a projection from the first event. An inline projection is rebuilt under a lock that holds
    /// writers back, so it cannot miss an append made meanwhile; an async one is reset and caught up.
    /// </summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var registration = _all.SingleOrDefault(p => p.Projection.Name == name)
            ?? throw new ArgumentException($"No projection named '{name}'. Known: {string.Join(", ", _all.Select(p => p.Projection.Name))}");
        var projection = registration.Projection;
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        if (registration.Lifecycle == ProjectionLifecycle.Inline)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using (var lockCmd = new NpgsqlCommand("lock table events in share mode", conn, tx)) await lockCmd.ExecuteNonQueryAsync(ct);
            await projection.ResetAsync(conn, tx, ct);
            long position = 0;
            while (true)
            {
                var batch = await store.ReadAllAsync(conn, position, batchSize, null, includeArchived: true, ct);
                if (batch.Count == 0) break;
                await projection.ApplyAsync(conn, tx, batch, ct);
                position = batch[^1].Sequence;
            }
            await tx.CommitAsync(ct);
            return;
        }

        while (!await TryLockAsync(conn, name, ct)) await Task.Delay(20, ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            await projection.ResetAsync(conn, tx, ct);
            await SaveCheckpointAsync(conn, tx, name, 0, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await UnlockAsync(conn, name);
        }
        await CatchUpAsync(projection, await SafeHighWaterMarkAsync(ct: ct), ct);
    }

    private static async Task<long> CheckpointAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select position from projection_checkpoints where name = $1", conn, tx);
        cmd.Parameters.AddWithValue(name);
        return await cmd.ExecuteScalarAsync(ct) as long? ?? 0;
    }

    private static async Task SaveCheckpointAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, long position, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into projection_checkpoints(name, position) values ($1, $2)
            on conflict (name) do update set position = excluded.position, updated_at = now()
            """, conn, tx);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(position);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('projection:' || $1))", conn);
        cmd.Parameters.AddWithValue(name);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task UnlockAsync(NpgsqlConnection conn, string name)
    {
        await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(hashtext('projection:' || $1))", conn);
        cmd.Parameters.AddWithValue(name);
        await cmd.ExecuteNonQueryAsync();
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
