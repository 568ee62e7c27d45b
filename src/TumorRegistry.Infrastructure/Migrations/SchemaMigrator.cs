using System.Reflection;
using Npgsql;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Migrations;

/// <summary>
/// Sets up the whole schema: Marten's (the <c>marten</c> schema: events, streams, daemon progress) through Weasel,
/// then the numbered SQL files embedded in this assembly (Migrations/NNNN_name.sql) for the tables of our own, each
/// in its own transaction and recorded in schema_migrations, then lz4 for every jsonb column (<see cref="JsonbCompression"/>),
/// then the one-time copy of the first event store into Marten. A session advisory lock makes concurrent start-ups wait
/// for each other instead of racing, so two processes starting at once leave one correct schema.
/// </summary>
public static class SchemaMigrator
{
    // Arbitrary constant shared by every TumorRegistry process: "TRMIGRAT" in ASCII.
    private const long LockKey = 0x54524D4947524154;

    public sealed record Migration(int Number, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies pending migrations; returns the numbers applied by this call.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await Exec(conn, $"select pg_advisory_lock({LockKey})", ct);
        try
        {
            await using (var store = RegistryStore.Create(connectionString))
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            await Exec(conn, """
                create table if not exists schema_migrations (
                    number int primary key,
                    name text not null,
                    applied_at timestamptz not null default now())
                """, ct);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("select number from schema_migrations", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

            var done = new List<int>();
            foreach (var m in All.Where(m => !applied.Contains(m.Number)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(m.Sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await using (var rec = new NpgsqlCommand("insert into schema_migrations(number, name) values ($1, $2)", conn, tx))
                {
                    rec.Parameters.AddWithValue(m.Number);
                    rec.Parameters.AddWithValue(m.Name);
                    await rec.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                done.Add(m.Number);
            }
            await JsonbCompression.EnsureLz4Async(conn, ct);
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await LegacyEventStore.CopyIntoMartenAsync(conn, tx, ct);
                await tx.CommitAsync(ct);
            }
            return done;
        }
        finally
        {
            await Exec(conn, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static IReadOnlyList<Migration> Load()
    {
        var asm = typeof(SchemaMigrator).Assembly;
        const string prefix = "TumorRegistry.Infrastructure.Migrations.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var number = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = asm.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Migration(number, file[5..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Number)
            .ToList();
    }
}
