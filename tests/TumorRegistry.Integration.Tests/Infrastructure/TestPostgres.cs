using Npgsql;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Integration.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL per test run: TUMORREGISTRY_DB's server when set, otherwise a private temporary cluster
/// started from the local binaries. Each test class gets its own database, so classes run in parallel.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);

    /// <summary>The private cluster when the run started one (its postgres.log is scanned for planted values).</summary>
    public static LocalPostgresServer? Server { get; private set; }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(RegistryDatabase.ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
        var server = await LocalPostgresServer.StartTemporaryAsync();
        Server = server;
        return server.ConnectionString();
    }

    /// <summary>Creates a new, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(bool migrate = true)
    {
        var admin = await Admin.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await RegistryDatabase.EnsureDatabaseAsync(admin, name);
        // Every test class has its own database and its pools (the service's, Marten's, Hangfire's): idle connections are
        // closed after a few seconds so the run stays below the cluster's max_connections.
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, ConnectionIdleLifetime = 5, ConnectionPruningInterval = 1 }.ConnectionString;
        if (migrate) await SchemaMigrator.MigrateAsync(cs);
        return cs;
    }
}

/// <summary>A fresh migrated database for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}

/// <summary>A clock the test moves by hand, for "as of" reads.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}
