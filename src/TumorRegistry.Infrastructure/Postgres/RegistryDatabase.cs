using System.Diagnostics;
using Npgsql;

namespace TumorRegistry.Infrastructure.Postgres;

/// <summary>
/// Where the registry's database lives: TUMORREGISTRY_DB when set, otherwise a private cluster
/// started from the local PostgreSQL binaries in a git-ignored folder.
/// </summary>
public sealed class RegistryDatabase : IAsyncDisposable
{
    public const string ConnectionVariable = "TUMORREGISTRY_DB";
    public const string DataDirVariable = "TUMORREGISTRY_DATA_DIR";
    public const string DefaultDatabaseName = "tumorregistry";

    public string ConnectionString { get; }
    public LocalPostgresServer? LocalServer { get; }

    private RegistryDatabase(string connectionString, LocalPostgresServer? localServer)
    {
        ConnectionString = connectionString;
        LocalServer = localServer;
    }

    /// <summary>
    /// Opens the configured database, starting the private cluster when needed, and makes sure
    /// the registry database exists. Migrations are applied separately (<see cref="Migrations.SchemaMigrator"/>).
    /// </summary>
    public static async Task<RegistryDatabase> OpenAsync(string? connectionString = null, CancellationToken ct = default)
    {
        connectionString ??= Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
            return new RegistryDatabase(connectionString, null);

        var server = await LocalPostgresServer.StartAsync(DefaultDataDirectory(), ephemeral: false, ct);
        await EnsureDatabaseAsync(server.ConnectionString(), DefaultDatabaseName, ct);
        return new RegistryDatabase(server.ConnectionString(DefaultDatabaseName), server);
    }

    /// <summary>Creates <paramref name="database"/> on the server behind <paramref name="adminConnectionString"/> if missing.</summary>
    public static async Task EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { }
    }

    /// <summary>
    /// TUMORREGISTRY_DATA_DIR, else ./.data/postgres. When running as root the cluster runs as the postgres
    /// user, which may not reach the working directory (e.g. under /root): then a folder under /var/tmp is used.
    /// </summary>
    public static string DefaultDataDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DataDirVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var local = Path.Combine(Directory.GetCurrentDirectory(), ".data", "postgres");
        if (PostgresUserCanReach(Directory.GetCurrentDirectory())) return local;
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Directory.GetCurrentDirectory())))[..12].ToLowerInvariant();
        return Path.Combine("/var/tmp", "tumorregistry-" + key);
    }

    private static bool PostgresUserCanReach(string dir)
    {
        if (Environment.UserName != "root") return true;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("runuser", $"-u postgres -- test -x \"{dir}\"")
                { RedirectStandardError = true, RedirectStandardOutput = true });
            p!.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (LocalServer is not null) await LocalServer.DisposeAsync();
    }
}
