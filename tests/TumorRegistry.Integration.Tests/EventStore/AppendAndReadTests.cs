using Marten.Services.Json.Transformations.SystemTextJson;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.EventStore;

public sealed class AppendAndReadTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _stores = [];

    private RegistryEvents NewStore(TimeProvider? clock = null) => Keep(TestEvents.Store(db.ConnectionString, clock));

    private RegistryEvents Keep(Marten.DocumentStore store)
    {
        _stores.Add(store);
        return new RegistryEvents(store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var s in _stores) await s.DisposeAsync();
    }

    [Fact]
    public async Task Appended_events_read_back_in_order_with_their_metadata()
    {
        var store = NewStore();
        var id = Guid.NewGuid();
        var correlation = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "tumor", StreamAppend.NoStream,
            [new ItemRecorded("primarySite", "C341"), new ItemRecorded("laterality", "1")]), TestEvents.Registrar("path report"));
        await store.AppendAsync(new StreamAppend(id, "tumor", 2, [new ItemRecorded("laterality", "2")]),
            new EventMetadata("ctr.jones", "corrected", correlation, CausationId: correlation));

        var events = await store.ReadStreamAsync(id);
        Assert.Equal([1, 2, 3], events.Select(e => e.Version));
        Assert.Equal("C341", ((ItemRecorded)events[0].Data).Value);
        Assert.Equal("ItemRecorded", events[0].TypeName);
        Assert.Equal("ctr.jones", events[2].Metadata.User);
        Assert.Equal("path report", events[0].Metadata.Reason);
        Assert.Equal("corrected", events[2].Metadata.Reason);
        Assert.Equal(correlation, events[2].Metadata.CorrelationId);
        Assert.Equal(correlation, events[2].Metadata.CausationId);
        Assert.True(events[0].Sequence < events[1].Sequence && events[1].Sequence < events[2].Sequence);
        var info = (await store.GetStreamAsync(id))!;
        Assert.Equal((3, "tumor"), (info.Version, info.Type));

        var upTo2 = await store.ReadStreamAsync(id, toVersion: 2);
        Assert.Equal(2, upTo2.Count);
    }

    [Fact]
    public async Task A_stream_read_as_of_a_time_returns_exactly_the_events_recorded_by_then()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var store = NewStore(clock);
        var id = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "tumor", 0, [new ItemRecorded("grade", "1")]), TestEvents.Registrar());
        var first = clock.Now;
        clock.Advance(TimeSpan.FromDays(1));
        await store.AppendAsync(new StreamAppend(id, "tumor", 1, [new ItemRecorded("grade", "2")]), TestEvents.Registrar());
        clock.Advance(TimeSpan.FromDays(1));
        await store.AppendAsync(new StreamAppend(id, "tumor", 2, [new ItemRecorded("grade", "3")]), TestEvents.Registrar());

        Assert.Equal(first, (await store.ReadStreamAsync(id))[0].RecordedAt);
        Assert.Equal([first, first.AddDays(1), first.AddDays(2)], (await store.ReadStreamAsync(id)).Select(e => e.RecordedAt));
        Assert.Empty(await store.ReadStreamAsync(id, asOf: first.AddTicks(-10)));
        Assert.Equal(["1"], (await store.ReadStreamAsync(id, asOf: first)).Select(e => ((ItemRecorded)e.Data).Value));
        Assert.Equal(["1", "2"], (await store.ReadStreamAsync(id, asOf: first.AddDays(1).AddHours(12))).Select(e => ((ItemRecorded)e.Data).Value));
        Assert.Equal(3, (await store.ReadStreamAsync(id, asOf: clock.Now)).Count);
    }

    [Fact]
    public async Task Bulk_loaded_streams_read_back_with_their_metadata_and_the_registry_clock_time()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 6, 30, 8, 0, 0, TimeSpan.Zero));
        var store = NewStore(clock);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var written = await store.BulkAppendNewStreamsAsync(ids.Select(id => new StreamAppend(id, "tumor", 0,
            [new ItemRecorded("primarySite", "C619"), new ItemRecorded("laterality", "0")])), TestEvents.Registrar("bulk load"));

        Assert.Equal(6, written);
        foreach (var id in ids)
        {
            var events = await store.ReadStreamAsync(id);
            Assert.Equal([1, 2], events.Select(e => e.Version));
            Assert.All(events, e => Assert.Equal((clock.Now, "ctr.jones", "bulk load"), (e.RecordedAt, e.Metadata.User, e.Metadata.Reason)));
            Assert.Equal("tumor", (await store.GetStreamAsync(id))!.Type);
        }
    }

    [Fact]
    public async Task Wrong_expected_version_raises_a_typed_concurrency_error_and_stores_nothing()
    {
        var store = NewStore();
        var id = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "tumor", 0, [new ItemRecorded("a", "1")]), TestEvents.Registrar());

        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(new StreamAppend(id, "tumor", 0, [new ItemRecorded("a", "2")]), TestEvents.Registrar()));
        Assert.Equal(1, stale.ActualVersion);
        var ahead = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(new StreamAppend(id, "tumor", 5, [new ItemRecorded("a", "3")]), TestEvents.Registrar()));
        Assert.Equal(1, ahead.ActualVersion);
        await Assert.ThrowsAsync<StreamNotFoundException>(() =>
            store.AppendAsync(new StreamAppend(Guid.NewGuid(), "tumor", 3, [new ItemRecorded("a", "3")]), TestEvents.Registrar()));

        Assert.Single(await store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task Appends_to_several_streams_commit_together_or_not_at_all()
    {
        var store = NewStore();
        var patient = Guid.NewGuid();
        var tumor = Guid.NewGuid();
        await store.AppendManyAsync([
            new StreamAppend(patient, "patient", 0, [new ItemRecorded("sex", "2")]),
            new StreamAppend(tumor, "tumor", 0, [new ItemRecorded("primarySite", "C509")])], TestEvents.Registrar());

        var otherTumor = Guid.NewGuid();
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendManyAsync([
            new StreamAppend(otherTumor, "tumor", 0, [new ItemRecorded("primarySite", "C619")]),
            new StreamAppend(patient, "patient", 0, [new ItemRecorded("sex", "1")])], TestEvents.Registrar()));

        Assert.Null(await store.GetStreamAsync(otherTumor));
        Assert.Single(await store.ReadStreamAsync(patient));
    }

    [Fact]
    public async Task Read_all_returns_every_event_after_a_position_in_global_order()
    {
        var store = NewStore();
        var before = (await store.ReadAllAsync(0, int.MaxValue)).LastOrDefault()?.Sequence ?? 0;
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(a, "t", 0, [new CounterBumped(1)]), TestEvents.Registrar());
        await store.AppendAsync(new StreamAppend(b, "t", 0, [new CounterBumped(2), new CounterBumped(3)]), TestEvents.Registrar());
        var after = await store.ReadAllAsync(before, 100);
        Assert.Equal([1, 2, 3], after.Where(e => e.StreamId == a || e.StreamId == b).Select(e => ((CounterBumped)e.Data).By));
        Assert.True(after.Zip(after.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
    }

    [Fact]
    public async Task An_archived_stream_keeps_its_events_but_default_reads_skip_it()
    {
        var store = NewStore();
        var id = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "tumor", 0, [new ItemRecorded("a", "1")]), TestEvents.Registrar());
        await store.ArchiveAsync(id, TestEvents.Registrar("entered in error"));
        Assert.Empty(await store.ReadStreamAsync(id));
        Assert.Single(await store.ReadStreamAsync(id, includeArchived: true));
        Assert.True((await store.GetStreamAsync(id))!.Archived);
        Assert.Equal(1L, await ScalarAsync($"select count(*) from marten.mt_events where stream_id = '{id}'"));
    }

    [Fact]
    public async Task An_event_stored_as_version_1_is_read_back_upcast_to_version_2()
    {
        var id = Guid.NewGuid();
        // Version 1 of "GradeRecorded" stored a single "grade"; version 2 splits clinical and pathological grade and is
        // stored under "GradeRecorded.v2", with an upcaster for the old name.
        var v1 = Keep(TestEvents.Store(db.ConnectionString, extra: o => o.Events.MapEventType<GradeRecordedV1>("GradeRecorded")));
        await v1.AppendAsync(new StreamAppend(id, "tumor", 0, [new GradeRecordedV1("3")]), TestEvents.Registrar());

        var v2 = Keep(TestEvents.Store(db.ConnectionString, extra: o =>
        {
            o.Events.MapEventType<GradeRecordedV2>("GradeRecorded.v2");
            o.Events.Upcast<GradeRecordedV2>("GradeRecorded", JsonTransformations.Upcast(
                old => new GradeRecordedV2(old.RootElement.GetProperty("grade").GetString()!, "9")));
        }));
        await v2.AppendAsync(new StreamAppend(id, "tumor", 1, [new GradeRecordedV2("2", "2")]), TestEvents.Registrar());
        var read = await v2.ReadStreamAsync(id);

        Assert.Equal([new GradeRecordedV2("3", "9"), new GradeRecordedV2("2", "2")], read.Select(e => e.Data));
        Assert.Equal(["GradeRecorded", "GradeRecorded.v2"], read.Select(e => e.TypeName));
    }

    [Fact]
    public async Task Event_types_are_stored_under_their_alias_so_a_renamed_class_still_reads_its_history()
    {
        var id = Guid.NewGuid();
        await NewStore().AppendAsync(new StreamAppend(id, "t", 0, [new ItemRecorded("grade", "1")]), TestEvents.Registrar());
        Assert.Equal("ItemRecorded", await ScalarAsync($"select type from marten.mt_events where stream_id = '{id}'"));

        // The same alias mapped to another class (a rename or a move to another namespace) reads the stored event.
        var renamed = Keep(RegistryStore.Create(db.ConnectionString, projections: [],
            extra: o => o.Events.MapEventType<ItemWasRecorded>("ItemRecorded")));
        Assert.Equal(new ItemWasRecorded("grade", "1"), Assert.Single(await renamed.ReadStreamAsync(id)).Data);
    }

    [Fact]
    public async Task Events_are_never_updated_in_place_the_table_only_grows()
    {
        var store = NewStore();
        var id = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "t", 0, [new ItemRecorded("a", "1")]), TestEvents.Registrar());
        var firstData = await ScalarAsync($"select data::text from marten.mt_events where stream_id = '{id}' and version = 1");
        await store.AppendAsync(new StreamAppend(id, "t", 1, [new ItemRecorded("a", "2")]), TestEvents.Registrar("correction"));
        Assert.Equal(2L, await ScalarAsync($"select count(*) from marten.mt_events where stream_id = '{id}'"));
        Assert.Equal(firstData, await ScalarAsync($"select data::text from marten.mt_events where stream_id = '{id}' and version = 1"));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync();
    }

    public sealed record GradeRecordedV1(string Grade);
    public sealed record GradeRecordedV2(string GradeClinical, string GradePathological);
    public sealed record ItemWasRecorded(string Item, string Value);
}
