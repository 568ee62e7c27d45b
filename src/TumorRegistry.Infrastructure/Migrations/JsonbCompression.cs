using Npgsql;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Migrations;

/// <summary>
/// Every jsonb column of the registry (ours and Marten's event bodies) compresses its large values with lz4 instead of
/// PostgreSQL's default pglz: abstracts are 100+ items, so nearly every event body and item map is compressed on write
/// and decompressed on each read, and pglz was a sixth of the server's time in a NAACCR import (docs/naaccr.md).
/// Run after every migration, so columns added later, by us or by a Marten upgrade, are set too; values already stored
/// keep the method they were written with (PostgreSQL reads both). A server built without lz4 keeps pglz.
/// </summary>
internal static class JsonbCompression
{
    public static async Task EnsureLz4Async(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($$"""
            do $$
            declare c record;
            begin
                for c in
                    select n.nspname, t.relname, a.attname
                    from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
                    where a.atttypid = 'jsonb'::regtype and a.attnum > 0 and not a.attisdropped and a.attcompression <> 'l'
                        and t.relkind in ('r', 'p') and n.nspname in (current_schema(), '{{RegistryStore.Schema}}')
                loop
                    execute format('alter table %I.%I alter column %I set compression lz4', c.nspname, c.relname, c.attname);
                end loop;
            exception when feature_not_supported then
                raise notice 'this PostgreSQL server is built without lz4: jsonb columns keep pglz';
            end $$
            """, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
