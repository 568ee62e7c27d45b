using Npgsql;
using TumorRegistry.Infrastructure.Migrations;

namespace TumorRegistry.Integration.Tests.Infrastructure;

public sealed class MigrationTests
{
    [Fact]
    public async Task Running_migrations_twice_applies_each_once_and_leaves_the_schema_unchanged()
    {
        var cs = await TestPostgres.CreateDatabaseAsync(migrate: false);
        var first = await SchemaMigrator.MigrateAsync(cs);
        var schema = await SchemaFingerprintAsync(cs);
        var second = await SchemaMigrator.MigrateAsync(cs);

        Assert.Equal(SchemaMigrator.All.Select(m => m.Number), first);
        Assert.Empty(second);
        Assert.Equal(schema, await SchemaFingerprintAsync(cs));
        Assert.Equal(SchemaMigrator.All.Count, await CountAsync(cs, "select count(*) from schema_migrations"));
        // Marten's event tables are part of the schema set-up.
        Assert.Equal(0, await CountAsync(cs, "select count(*) from marten.mt_events"));
        Assert.Equal(0, await CountAsync(cs, "select count(*) from marten.mt_streams"));
    }

    [Fact]
    public async Task Migrations_from_two_processes_at_once_leave_one_correct_schema()
    {
        var cs = await TestPostgres.CreateDatabaseAsync(migrate: false);
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => CliRunner.RunAsync("migrate", cs)));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        // One process applied everything; the other waited on the lock and found nothing to do.
        Assert.Single(runs, r => r.Output.Contains("Applied migrations"));
        Assert.Single(runs, r => r.Output.Contains("Schema is up to date"));
        Assert.Equal(SchemaMigrator.All.Count, await CountAsync(cs, "select count(*) from schema_migrations"));

        var reference = await TestPostgres.CreateDatabaseAsync(migrate: true);
        Assert.Equal(await SchemaFingerprintAsync(reference), await SchemaFingerprintAsync(cs));
    }

    [Fact]
    public async Task Concurrent_migrators_in_one_process_also_serialise()
    {
        var cs = await TestPostgres.CreateDatabaseAsync(migrate: false);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(cs))));
        Assert.Equal(SchemaMigrator.All.Count, results.Sum(r => r.Count));
    }

    [Fact]
    public async Task Every_jsonb_column_ours_and_Martens_compresses_with_lz4()
    {
        var cs = await TestPostgres.CreateDatabaseAsync(migrate: false);
        await SchemaMigrator.MigrateAsync(cs);
        const string jsonb = """
            from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
            where a.atttypid = 'jsonb'::regtype and a.attnum > 0 and not a.attisdropped and t.relkind = 'r'
                and n.nspname in ('public', 'marten')
            """;

        Assert.True(await CountAsync(cs, $"select count(*) {jsonb} and t.relname in ('mt_events', 'case_summary', 'patients')") >= 3);
        Assert.Equal(0, await CountAsync(cs, $"select count(*) {jsonb} and a.attcompression <> 'l'"));
        // A value written now is stored with lz4 (pg_column_compression names the method of a compressed value).
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            insert into naaccr_import_batches(batch_id, file_name, source, file_hash, imported_by, started_at, status, mode, root_items)
            select gen_random_uuid(), 'f', 's', 'h', 'u', now(), 'completed', 'strict',
                (select jsonb_object_agg('item' || i, repeat('x', 40)) from generate_series(1, 200) i);
            select pg_column_compression(root_items) from naaccr_import_batches
            """, conn);
        Assert.Equal("lz4", await cmd.ExecuteScalarAsync());
    }

    private static async Task<long> CountAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static async Task<string> SchemaFingerprintAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select (select string_agg(table_schema || '.' || table_name || '.' || column_name || ':' || data_type, ','
                        order by table_schema, table_name, column_name)
                    from information_schema.columns where table_schema in ('public', 'marten'))
                || ' | ' || (select string_agg(routine_name, ',' order by routine_name) from information_schema.routines
                    where routine_schema = 'marten')
                || ' | ' || (select string_agg(indexname, ',' order by indexname) from pg_indexes where schemaname in ('public', 'marten'))
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
