using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.EventStore;

public sealed class ConcurrencyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Fifty_writers_appending_with_the_version_they_read_either_commit_or_get_the_concurrency_error()
    {
        await using var marten = TestEvents.Store(db.ConnectionString);
        var store = new RegistryEvents(marten);
        var id = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "tumor", 0, [new CounterBumped(0)]), TestEvents.Registrar());

        using var start = new ManualResetEventSlim();
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 50).Select(writer => Task.Run(async () =>
        {
            var read = (await store.GetStreamAsync(id))!.Version;
            start.Wait();
            try
            {
                await store.AppendAsync(new StreamAppend(id, "tumor", read, [new CounterBumped(writer)]), TestEvents.Registrar());
                return (writer, committed: true);
            }
            catch (ConcurrencyException)
            {
                return (writer, committed: false);
            }
        })).Append(Task.Run(async () => { await Task.Delay(50); start.Set(); return (writer: 0, committed: false); })));

        var committed = outcomes.Where(o => o.committed).Select(o => o.writer).ToHashSet();
        var events = await store.ReadStreamAsync(id);
        Assert.NotEmpty(committed);
        Assert.Equal(1 + committed.Count, (await store.GetStreamAsync(id))!.Version);
        Assert.Equal(Enumerable.Range(1, 1 + committed.Count), events.Select(e => e.Version));
        // Exactly the committed writers' events are there, once each.
        Assert.Equal(committed.OrderBy(w => w), events.Skip(1).Select(e => ((CounterBumped)e.Data).By).OrderBy(w => w));
    }

    [Fact]
    public async Task Writers_that_retry_on_conflict_all_land_exactly_once()
    {
        await using var marten = TestEvents.Store(db.ConnectionString);
        var store = new RegistryEvents(marten);
        var id = Guid.NewGuid();
        await store.AppendAsync(new StreamAppend(id, "tumor", 0, [new CounterBumped(0)]), TestEvents.Registrar());
        await Task.WhenAll(Enumerable.Range(1, 20).Select(writer => Task.Run(async () =>
        {
            while (true)
            {
                var read = (await store.GetStreamAsync(id))!.Version;
                try
                {
                    await store.AppendAsync(new StreamAppend(id, "tumor", read, [new CounterBumped(writer)]), TestEvents.Registrar());
                    return;
                }
                catch (ConcurrencyException) { }
            }
        })));
        var events = await store.ReadStreamAsync(id);
        Assert.Equal(21, events.Count);
        Assert.Equal(Enumerable.Range(0, 21), events.Select(e => ((CounterBumped)e.Data).By).OrderBy(x => x));
    }
}
