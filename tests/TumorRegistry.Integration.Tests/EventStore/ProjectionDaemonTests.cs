using Npgsql;
using TumorRegistry.Infrastructure.EventStore;
using TumorRegistry.Integration.Tests.Infrastructure;
using Store = TumorRegistry.Infrastructure.EventStore.EventStore;

namespace TumorRegistry.Integration.Tests.EventStore;

/// <summary>Records every event it sees once; a second application of the same event violates the key.</summary>
public sealed class SeenEventsProjection(string name) : IProjection
{
    public string Name => name;
    private string Table => "seen_" + name;

    public async Task EnsureTableAsync(NpgsqlDataSource ds)
    {
        await using var cmd = ds.CreateCommand($"create table if not exists {Table} (seq bigint primary key, stream_id uuid not null, value int not null)");
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is not CounterBumped bump) continue;
            await using var cmd = new NpgsqlCommand($"insert into {Table}(seq, stream_id, value) values ($1, $2, $3)", conn, tx);
            cmd.Parameters.AddWithValue(e.Sequence);
            cmd.Parameters.AddWithValue(e.StreamId);
            cmd.Parameters.AddWithValue(bump.By);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"truncate {Table}", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<(long Seq, Guid Stream, int Value)>> RowsAsync(NpgsqlDataSource ds)
    {
        var rows = new List<(long, Guid, int)>();
        await using var cmd = ds.CreateCommand($"select seq, stream_id, value from {Table} order by seq");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetGuid(1), r.GetInt32(2)));
        return rows;
    }
}

public sealed class ProjectionDaemonTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_async_projection_fed_during_concurrent_out_of_order_commits_equals_its_rebuild()
    {
        var live = new SeenEventsProjection("live");
        var rebuilt = new SeenEventsProjection("rebuilt");
        await live.EnsureTableAsync(db.DataSource);
        await rebuilt.EnsureTableAsync(db.DataSource);
        var store = new Store(db.DataSource, TestEvents.Registry());
        var daemon = new ProjectionDaemon(store, [new(live, ProjectionLifecycle.Async), new(rebuilt, ProjectionLifecycle.Async)], batchSize: 37);

        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => new ProjectionDaemon(store, [new(live, ProjectionLifecycle.Async)], batchSize: 37)
            .RunAsync(TimeSpan.FromMilliseconds(2), stop.Token));

        // 8 writers; each holds its transaction open a random while after taking sequence numbers, so
        // commits land out of sequence order while the daemon is reading.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 40; i++)
            {
                await using var conn = await db.DataSource.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await store.AppendInTransactionAsync(conn, tx,
                    [new StreamAppend(Guid.NewGuid(), "t", StreamAppend.NoStream, [new CounterBumped(w * 1000 + i), new CounterBumped(-1)])],
                    TestEvents.Registrar());
                await Task.Delay(random.Next(0, 15));
                if (random.Next(10) == 0) await tx.RollbackAsync(); else await tx.CommitAsync();
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await daemon.CatchUpAsync();
        await stop.CancelAsync();
        await running;
        await daemon.CatchUpAsync();

        await daemon.RebuildAsync("rebuilt");
        var liveRows = await live.RowsAsync(db.DataSource);
        var rebuiltRows = await rebuilt.RowsAsync(db.DataSource);
        var committedEvents = (await store.ReadAllAsync(0, int.MaxValue)).Count(e => e.Data is CounterBumped);

        Assert.True(committedEvents > 400, $"expected most of 640 events committed, got {committedEvents}");
        Assert.Equal(committedEvents, liveRows.Count);
        Assert.Equal(rebuiltRows, liveRows);
    }

    [Fact]
    public async Task The_daemon_waits_for_a_transaction_holding_an_earlier_sequence_number()
    {
        var seen = new SeenEventsProjection("gap");
        await seen.EnsureTableAsync(db.DataSource);
        var store = new Store(db.DataSource, TestEvents.Registry());
        var daemon = new ProjectionDaemon(store, [new(seen, ProjectionLifecycle.Async)]);
        await daemon.CatchUpAsync();

        // A takes the lower sequence number but commits last.
        await using var connA = await db.DataSource.OpenConnectionAsync();
        await using var txA = await connA.BeginTransactionAsync();
        var a = await store.AppendInTransactionAsync(connA, txA, [new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(1)])], TestEvents.Registrar());
        var b = await store.AppendAsync(new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(2)]), TestEvents.Registrar());
        Assert.True(a[0].Sequence < b[0].Sequence);

        var mark = await daemon.SafeHighWaterMarkAsync(TimeSpan.FromMilliseconds(100));
        Assert.True(mark < a[0].Sequence, "the mark must not pass an event whose transaction is still open");
        await daemon.CatchUpAsync();
        Assert.Empty(await seen.RowsAsync(db.DataSource));

        await txA.CommitAsync();
        await daemon.CatchUpAsync();
        Assert.Equal([1, 2], (await seen.RowsAsync(db.DataSource)).Select(r => r.Value));
    }

    [Fact]
    public async Task An_inline_projection_is_written_in_the_append_transaction_and_rebuilds_the_same()
    {
        // Its own database: a rebuild replays every event in it, so no other test's events may be there.
        await using var ds = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        var inline = new SeenEventsProjection("inline");
        await inline.EnsureTableAsync(ds);
        var registrations = new ProjectionRegistration[] { new(inline, ProjectionLifecycle.Inline) };
        var store = new Store(ds, TestEvents.Registry(), registrations);
        for (var i = 0; i < 30; i++)
            await store.AppendAsync(new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(i)]), TestEvents.Registrar());
        await Assert.ThrowsAsync<ConcurrencyException>(async () =>
        {
            var id = Guid.NewGuid();
            await store.AppendAsync(new StreamAppend(id, "t", 0, [new CounterBumped(99)]), TestEvents.Registrar());
            await store.AppendAsync(new StreamAppend(id, "t", 0, [new CounterBumped(100)]), TestEvents.Registrar());
        });

        var before = await inline.RowsAsync(ds);
        Assert.Contains(before, r => r.Value == 99);
        Assert.DoesNotContain(before, r => r.Value == 100);
        await new ProjectionDaemon(store, registrations).RebuildAsync("inline");
        Assert.Equal(before, await inline.RowsAsync(ds));
    }
}
