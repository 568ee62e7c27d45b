using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>What the importer's tests share: an importer on the class's database, and counts read from it.</summary>
public abstract class NaaccrImporterTests(DatabaseFixture db) : IAsyncLifetime
{
    private Marten.DocumentStore _store = null!;

    protected DatabaseFixture Db => db;

    protected NaaccrXmlImporter Importer { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _store = RegistryStore.Create(db.ConnectionString);
        Importer = new NaaccrXmlImporter(new RegistryEvents(_store));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    protected async Task<long> Count(string sql) => Convert.ToInt64(await db.DataSource.ScalarAsync(sql));
}
