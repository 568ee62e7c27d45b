using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.EventStore;

/// <summary>
/// New streams copied into Marten's tables (the bulk import's path) are the rows Marten's own append writes, read
/// back, append and project like any stream, and take their sequence numbers from Marten's sequence.
/// </summary>
public sealed class NewStreamsCopyTests
{
    private static readonly EventMetadata Who = new("ctr.jones", "import of a.xml (Hospital B)", Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public async Task A_copied_stream_has_the_rows_of_a_stream_marten_appends_and_reads_back_and_appends_normally()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var inline = new SeenEventsProjection("copied_inline", ProjectionLifecycle.Inline);
        await inline.EnsureTableAsync(ds);
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 4, 10, 30, 0, TimeSpan.Zero));
        await using var store = TestEvents.Store(cs, clock, [inline]);
        var events = new RegistryEvents(store);
        object[] body = [new ItemRecorded("primarySite", "C341"), new CounterBumped(7), new ItemRecorded("laterality", "1")];

        var appended = Guid.NewGuid();
        await events.AppendAsync(new StreamAppend(appended, "tumor", StreamAppend.NoStream, body), Who);
        var copied = Guid.NewGuid();
        await using (var write = await events.OpenWriteSessionAsync())
        {
            await events.CopyNewStreamsInSessionAsync(write, [new StreamAppend(copied, "tumor", StreamAppend.NoStream, body)], Who);
            await write.CommitAsync();
        }

        // Row for row what Marten wrote, but for the ids and sequence numbers (and the stream rows' times, which Marten
        // leaves to the server's clock).
        const string eventRows = """
            select json_agg(json_build_array(version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id,
                causation_id, headers, user_name, is_archived, bdata) order by version)::text from marten.mt_events where stream_id = $1
            """;
        const string streamRows = """
            select json_build_array(type, version, tenant_id, compacted_version, is_archived,
                now() - created between '0' and '1 minute', timestamp = created)::text
            from marten.mt_streams where id = $1
            """;
        Assert.Equal(await Scalar(ds, eventRows, appended), await Scalar(ds, eventRows, copied));
        Assert.Equal(await Scalar(ds, streamRows, appended), await Scalar(ds, streamRows, copied));
        Assert.Contains("import of a.xml", await Scalar(ds, eventRows, copied));

        var read = await events.ReadStreamAsync(copied);
        Assert.Equal([1, 2, 3], read.Select(e => e.Version));
        Assert.Equal(Who, read[0].Metadata);
        Assert.Equal(clock.Now, read[0].RecordedAt);
        Assert.Equal("C341", ((ItemRecorded)read[0].Data).Value);
        Assert.True(read[0].Sequence > (await events.ReadStreamAsync(appended))[^1].Sequence);
        Assert.Equal((3, "tumor"), ((await events.GetStreamAsync(copied))!.Version, (await events.GetStreamAsync(copied))!.Type));
        // The inline projection saw the copied events in their transaction.
        Assert.Equal(2, (await inline.RowsAsync(ds)).Count(r => r.Stream == copied || r.Stream == appended));
        Assert.Contains(await inline.RowsAsync(ds), r => r.Stream == copied && r.Value == 7);

        // Marten appends to it at its version, and refuses a stale one.
        clock.Advance(TimeSpan.FromHours(1));
        await events.AppendAsync(new StreamAppend(copied, "tumor", 3, [new ItemRecorded("laterality", "2")]), Who);
        Assert.Equal(4, (await events.GetStreamAsync(copied))!.Version);
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            events.AppendAsync(new StreamAppend(copied, "tumor", 3, [new ItemRecorded("laterality", "9")]), Who));
    }

    [Fact]
    public async Task Copying_a_stream_that_exists_is_a_conflict_and_leaves_nothing_of_its_transaction()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        await using var store = TestEvents.Store(cs);
        var events = new RegistryEvents(store);
        var existing = Guid.NewGuid();
        await events.AppendAsync(new StreamAppend(existing, "t", StreamAppend.NoStream, [new CounterBumped(1)]), Who);

        var other = Guid.NewGuid();
        var e = await Assert.ThrowsAsync<ConcurrencyException>(async () =>
        {
            await using var write = await events.OpenWriteSessionAsync();
            await events.CopyNewStreamsInSessionAsync(write,
                [new StreamAppend(other, "t", StreamAppend.NoStream, [new CounterBumped(2)]), new StreamAppend(existing, "t", StreamAppend.NoStream, [new CounterBumped(3)])], Who);
            await write.CommitAsync();
        });
        Assert.Equal((existing, 1), (e.StreamId, e.ActualVersion));
        Assert.Null(await events.GetStreamAsync(other));
        Assert.Equal(1L, await ds.ScalarAsync("select count(*) from marten.mt_events"));
    }

    [Fact]
    public async Task The_daemon_counts_copied_and_appended_events_written_at_once_exactly_once()
    {
        await using var rig = await DaemonRig.StartAsync("copied_async", new RegistrarActivityProjection());
        var (ds, seen, events, daemon) = (rig.Data, rig.Seen, rig.Events, rig.Daemon);

        // Copiers and normal appenders side by side, so both draw from the sequence while the other's transaction is open.
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await using var write = await events.OpenWriteSessionAsync();
                StreamAppend[] appends = [new(Guid.NewGuid(), "t", StreamAppend.NoStream, [new CounterBumped(w * 1000 + i), new CounterBumped(-1)]),
                    new(Guid.NewGuid(), "t", StreamAppend.NoStream, [new CounterBumped(1)])];
                var who = new EventMetadata($"ctr.writer{w}", "load");
                if (w % 2 == 0) await events.CopyNewStreamsInSessionAsync(write, appends, who);
                else await events.AppendInSessionAsync(write.Session, appends, who);
                await Task.Delay(w * 2);
                await write.CommitAsync();
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await daemon.WaitForNonStaleData(TimeSpan.FromSeconds(60));

        Assert.Equal(360L, await ds.ScalarAsync("select count(*) from marten.mt_events"));
        Assert.Equal(360L, await ds.ScalarAsync("select count(distinct seq_id) from marten.mt_events"));
        Assert.Equal(360, (await seen.RowsAsync(ds)).Count);
        Assert.Equal(360L, await ds.ScalarAsync("select sum(events) from registrar_activity"));
        Assert.Equal(60L, await ds.ScalarAsync("select sum(events) from registrar_activity where registrar = 'ctr.writer0'"));
        await daemon.StopAllAsync();
    }

    private static async Task<string?> Scalar(NpgsqlDataSource ds, string sql, Guid id)
    {
        await using var cmd = ds.CreateCommand(sql);
        cmd.Parameters.AddWithValue(id);
        return (string?)await cmd.ExecuteScalarAsync();
    }
}
