using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.EventStore;

/// <summary>Records every event it sees once, keyed by its global sequence: a second application violates the key.</summary>
public sealed class SeenEventsProjection(string name, ProjectionLifecycle lifecycle) : RegistryProjection
{
    public override string Name => name;
    public override string Table => "seen_" + name;
    public override ProjectionLifecycle Lifecycle => lifecycle;

    public async Task EnsureTableAsync(NpgsqlDataSource ds)
    {
        await using var cmd = ds.CreateCommand($"create table if not exists {Table} (event_id uuid primary key, seq bigint, stream_id uuid not null, value int not null)");
        await cmd.ExecuteNonQueryAsync();
    }

    public override Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if (e.Data is CounterBumped bump)
                ops.QueueSqlCommand($"insert into {Table}(event_id, stream_id, value) values (?, ?, ?)", e.Id, e.StreamId, bump.By);
        return Task.CompletedTask;
    }

    public async Task<List<(Guid Event, Guid Stream, int Value)>> RowsAsync(NpgsqlDataSource ds)
    {
        var rows = new List<(Guid, Guid, int)>();
        await using var cmd = ds.CreateCommand($"select event_id, stream_id, value from {Table} order by event_id");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add((r.GetGuid(0), r.GetGuid(1), r.GetInt32(2)));
        return rows;
    }
}

/// <summary>A database of its own, a <see cref="SeenEventsProjection"/> (and any others) and the async daemon running them.</summary>
public sealed class DaemonRig : IAsyncDisposable
{
    public required NpgsqlDataSource Data { get; init; }
    public required SeenEventsProjection Seen { get; init; }
    public required RegistryProjection[] Projections { get; init; }
    public required DocumentStore Store { get; init; }
    public required RegistryEvents Events { get; init; }
    public required IProjectionDaemon Daemon { get; init; }

    public static async Task<DaemonRig> StartAsync(string seen, params RegistryProjection[] others)
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        var ds = NpgsqlDataSource.Create(cs);
        var projection = new SeenEventsProjection(seen, ProjectionLifecycle.Async);
        await projection.EnsureTableAsync(ds);
        RegistryProjection[] projections = [projection, .. others];
        var store = TestEvents.Store(cs, projections: projections);
        var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        return new DaemonRig { Data = ds, Seen = projection, Projections = projections, Store = store, Events = new RegistryEvents(store), Daemon = daemon };
    }

    public async ValueTask DisposeAsync()
    {
        Daemon.Dispose();
        await Store.DisposeAsync();
        await Data.DisposeAsync();
    }
}

public sealed class ProjectionDaemonTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Async_projections_fed_during_concurrent_out_of_order_commits_apply_each_event_once_and_equal_their_rebuild()
    {
        // Its own database: the counts and the rebuild take in every event in it.
        await using var rig = await DaemonRig.StartAsync("live", new RegistrarActivityProjection());
        var (ds, live, events, daemon) = (rig.Data, rig.Seen, rig.Events, rig.Daemon);

        // 8 writers; each holds its transaction open a random while after its events took sequence numbers, so commits
        // land out of sequence order while the daemon reads; one in ten rolls back and leaves a gap.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 40; i++)
            {
                await using var write = await events.OpenWriteSessionAsync();
                await events.AppendInSessionAsync(write.Session,
                    [new StreamAppend(Guid.NewGuid(), "t", StreamAppend.NoStream, [new CounterBumped(w * 1000 + i), new CounterBumped(-1)])],
                    new EventMetadata($"ctr.writer{w}", "load"));
                await Task.Delay(random.Next(0, 15));
                if (random.Next(10) != 0) await write.CommitAsync();
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await daemon.WaitForNonStaleData(Patience);

        var committed = (long)(await ds.ScalarAsync("select count(*) from marten.mt_events where type <> 'tombstone'"))!;
        var liveRows = await live.RowsAsync(ds);
        Assert.True(committed > 400, $"expected most of 640 events committed, got {committed}");
        Assert.Equal(committed, liveRows.Count);
        Assert.Equal(committed, (long)(await ds.ScalarAsync("select sum(events) from registrar_activity"))!);
        var activity = await ds.ScalarAsync("select string_agg(registrar || ':' || events, ',' order by registrar) from registrar_activity");

        await daemon.StopAllAsync();
        var rebuilder = new ProjectionRebuilder(rig.Store, rig.Projections);
        await rebuilder.RebuildAsync("live");
        await rebuilder.RebuildAsync(RegistrarActivityProjection.ProjectionName);
        Assert.Equal(liveRows, await live.RowsAsync(ds));
        Assert.Equal(activity, await ds.ScalarAsync("select string_agg(registrar || ':' || events, ',' order by registrar) from registrar_activity"));
    }

    [Fact]
    public async Task The_daemon_does_not_skip_an_event_whose_transaction_commits_late()
    {
        await using var rig = await DaemonRig.StartAsync("gap");
        var (ds, seen, events) = (rig.Data, rig.Seen, rig.Events);

        // A takes the lower sequence number but commits last, after B's event is long visible.
        await using var a = await events.OpenWriteSessionAsync();
        await events.AppendInSessionAsync(a.Session, [new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(1)])], TestEvents.Registrar());
        await events.AppendAsync(new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(2)]), TestEvents.Registrar());
        await Task.Delay(TimeSpan.FromSeconds(5));
        await a.CommitAsync();

        await WaitUntilAsync(async () => (await seen.RowsAsync(ds)).Count >= 2);
        Assert.Equal([1, 2], (await seen.RowsAsync(ds)).Select(r => r.Value).Order());
    }

    [Fact]
    public async Task An_inline_projection_is_written_in_the_append_transaction_and_rebuilds_the_same()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var inline = new SeenEventsProjection("inline", ProjectionLifecycle.Inline);
        await inline.EnsureTableAsync(ds);
        await using var store = TestEvents.Store(cs, projections: [inline]);
        var events = new RegistryEvents(store);
        for (var i = 0; i < 30; i++)
            await events.AppendAsync(new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(i)]), TestEvents.Registrar());
        await Assert.ThrowsAsync<ConcurrencyException>(async () =>
        {
            var id = Guid.NewGuid();
            await events.AppendAsync(new StreamAppend(id, "t", 0, [new CounterBumped(99)]), TestEvents.Registrar());
            await events.AppendAsync(new StreamAppend(id, "t", 0, [new CounterBumped(100)]), TestEvents.Registrar());
        });
        // Rolled back with its transaction: neither the events nor the projection's row remain.
        await using (var rolledBack = await events.OpenWriteSessionAsync())
            await events.AppendInSessionAsync(rolledBack.Session, [new StreamAppend(Guid.NewGuid(), "t", 0, [new CounterBumped(101)])], TestEvents.Registrar());

        var before = await inline.RowsAsync(ds);
        Assert.Equal(31, before.Count);
        Assert.Contains(before, r => r.Value == 99);
        Assert.DoesNotContain(before, r => r.Value is 100 or 101);
        await new ProjectionRebuilder(store, [inline]).RebuildAsync("inline");
        Assert.Equal(before, await inline.RowsAsync(ds));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) return;
            await Task.Delay(100);
        }
    }
}
