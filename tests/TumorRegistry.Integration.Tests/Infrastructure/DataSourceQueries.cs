using Npgsql;

namespace TumorRegistry.Integration.Tests.Infrastructure;

/// <summary>One-statement reads and writes straight on a test database.</summary>
public static class DataSourceQueries
{
    public static async Task<object?> ScalarAsync(this NpgsqlDataSource ds, string sql)
    {
        await using var cmd = ds.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync();
    }

    public static async Task ExecAsync(this NpgsqlDataSource ds, string sql)
    {
        await using var cmd = ds.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Every column of both case read models, as text in key order: what a rebuild must reproduce.</summary>
    public static async Task<string> ReadModelsSnapshotAsync(this NpgsqlDataSource ds) => (string)(await ds.ScalarAsync("""
        select (select string_agg(t::text, E'\n' order by t.case_id) from case_summary t)
            || E'\n--\n' || (select string_agg(p::text, E'\n' order by p.patient_id) from patients p)
        """))!;
}
