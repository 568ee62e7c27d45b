using Npgsql;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Integration.Tests.Infrastructure;

/// <summary>The private cluster takes passwords only, keeps its secret owner-only, and is shared, never stopped, by a second process.</summary>
public sealed class SharedDataFolderTests
{
    [Fact]
    public async Task A_second_process_on_the_same_data_folder_uses_the_running_cluster_and_leaves_it_running()
    {
        await using var first = await LocalPostgresServer.StartTemporaryAsync();
        Assert.True(first.StartedHere);

        // The CLI, a separate process, migrates through the folder's running cluster and exits.
        var run = await CliRunner.RunAsync("migrate", dataDirectory: first.DataDirectory);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(1, await ScalarAsync(first.ConnectionString(RegistryDatabase.DefaultDatabaseName), "select count(*) from pg_tables where tablename = 'phi_audit'"));

        // A second server object in this process attaches to the same port and stopping it leaves the cluster up.
        var second = await LocalPostgresServer.StartAsync(first.DataDirectory, ephemeral: false);
        Assert.False(second.StartedHere);
        Assert.Equal(first.Port, second.Port);
        await second.DisposeAsync();
        Assert.Equal(1, await ScalarAsync(first.ConnectionString(), "select 1"));
    }

    [Fact]
    public async Task The_cluster_refuses_logins_without_the_secret_which_only_its_owner_can_read()
    {
        await using var server = await LocalPostgresServer.StartTemporaryAsync();
        var secret = Path.Combine(server.DataDirectory, LocalPostgresServer.SecretFile);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.Equal(1, await ScalarAsync(server.ConnectionString(), "select 1"));
        var noPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Password = null }.ConnectionString;
        await Assert.ThrowsAnyAsync<Exception>(() => ScalarAsync(noPassword, "select 1"));
        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Password = "guess" }.ConnectionString;
        var e = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(wrong, "select 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, e.SqlState);
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(server.DataDirectory, "pgdata", "pg_hba.conf")),
            l => !l.TrimStart().StartsWith('#') && l.Contains("trust", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_made_with_trust_authentication_gets_a_secret_and_requires_it_from_the_next_start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tumorregistry-pg-trust-" + Guid.NewGuid().ToString("N")[..8]);
        var made = await LocalPostgresServer.StartAsync(folder, ephemeral: false);
        await made.DisposeAsync(); // stopped; the folder stays
        try
        {
            // What an older version left: trust in pg_hba.conf and no secret file.
            var hba = Path.Combine(folder, "pgdata", "pg_hba.conf");
            File.WriteAllLines(hba, File.ReadAllLines(hba).Select(l => l.Replace("scram-sha-256", "trust", StringComparison.Ordinal)));
            File.Delete(Path.Combine(folder, LocalPostgresServer.SecretFile));

            await using var upgraded = await LocalPostgresServer.StartAsync(folder, ephemeral: false, deleteOnStop: true);
            Assert.True(File.Exists(Path.Combine(folder, LocalPostgresServer.SecretFile)));
            Assert.Equal(1, await ScalarAsync(upgraded.ConnectionString(), "select 1"));
            var wrong = new NpgsqlConnectionStringBuilder(upgraded.ConnectionString()) { Password = "guess" }.ConnectionString;
            await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(wrong, "select 1"));
            Assert.DoesNotContain(File.ReadAllLines(hba), l => !l.TrimStart().StartsWith('#') && l.Contains("trust", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder)) try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
