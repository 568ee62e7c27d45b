using Npgsql;
using TumorRegistry.Infrastructure.Migrations;

namespace TumorRegistry.Infrastructure.Postgres;

/// <summary>
/// A new, migrated database for one benchmark run: on TUMORREGISTRY_DB's server when set, otherwise on a temporary
/// private cluster. Disposing deletes the private cluster, or drops the database from the shared server.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly LocalPostgresServer? _server;
    private readonly string _admin;
    private readonly string _name;

    private ScratchDatabase(string connectionString, LocalPostgresServer? server, string admin, string name) =>
        (ConnectionString, _server, _admin, _name) = (connectionString, server, admin, name);

    public string ConnectionString { get; }

    /// <param name="prefix">Start of the database name, to tell runs apart on a shared server.</param>
    /// <param name="durable">Keep fsync and synchronous commit on a private cluster (measure what production does).</param>
    /// <param name="tune">Connection settings for the run (pool size, command timeout).</param>
    public static async Task<ScratchDatabase> CreateAsync(string prefix, bool durable, Action<NpgsqlConnectionStringBuilder>? tune = null)
    {
        var configured = Environment.GetEnvironmentVariable(RegistryDatabase.ConnectionVariable);
        var server = string.IsNullOrWhiteSpace(configured) ? await LocalPostgresServer.StartTemporaryAsync(durable: durable) : null;
        var admin = server?.ConnectionString() ?? new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..8];
        await RegistryDatabase.EnsureDatabaseAsync(admin, name);
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        tune?.Invoke(builder);
        await SchemaMigrator.MigrateAsync(builder.ConnectionString);
        return new ScratchDatabase(builder.ConnectionString, server, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{_name}\" with (force)", conn);
        await drop.ExecuteNonQueryAsync();
    }
}
