using Npgsql;

namespace TumorRegistry.Infrastructure.Security;

/// <summary>One look at or change of identified data: who, when, which patient or case, what, from where, and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset At, string User, Guid? PatientId, Guid? CaseId, string Action, string? RemoteAddress,
    string Outcome, string? Detail);

/// <summary>
/// The append-only PHI audit (table phi_audit, whose triggers refuse UPDATE, DELETE and TRUNCATE). Appends never
/// carry item values; details are the query's parameters (facility, dates) only.
/// </summary>
public sealed class AuditStore(NpgsqlDataSource db)
{
    public Task AppendAsync(AuditEntry e, CancellationToken ct = default) => AppendAsync(e, [], ct);

    /// <summary>
    /// The request's row and, for a list, one row per record it showed (worklists, due lists, letters), each like
    /// <paramref name="e"/>, in one round trip. A row naming a case only gets the case's patient from case_summary.
    /// </summary>
    public async Task AppendAsync(AuditEntry e, IReadOnlyCollection<(Guid? PatientId, Guid? CaseId)> listed, CancellationToken ct = default)
    {
        await using var batch = db.CreateBatch();
        var row = new NpgsqlBatchCommand("""
            insert into phi_audit (at, user_name, patient_id, case_id, action, remote_address, outcome, detail)
            values ($1, $2, coalesce($3, (select patient_id from case_summary where case_id = $4)), $4, $5, $6, $7, $8)
            """);
        row.Parameters.Add(new NpgsqlParameter { Value = e.At });
        row.Parameters.Add(new NpgsqlParameter { Value = e.User });
        row.Parameters.Add(new NpgsqlParameter { Value = (object?)e.PatientId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        row.Parameters.Add(new NpgsqlParameter { Value = (object?)e.CaseId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        row.Parameters.Add(new NpgsqlParameter { Value = e.Action });
        row.Parameters.Add(new NpgsqlParameter { Value = (object?)e.RemoteAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        row.Parameters.Add(new NpgsqlParameter { Value = e.Outcome });
        row.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        batch.BatchCommands.Add(row);
        if (listed.Count > 0)
        {
            var rows = new NpgsqlBatchCommand("""
                insert into phi_audit (at, user_name, patient_id, case_id, action, remote_address, outcome, detail)
                select $1, $2, p, c, $3, $4, $5, $6 from unnest($7::uuid[], $8::uuid[]) as r(p, c)
                """);
            rows.Parameters.Add(new NpgsqlParameter { Value = e.At });
            rows.Parameters.Add(new NpgsqlParameter { Value = e.User });
            rows.Parameters.Add(new NpgsqlParameter { Value = e.Action });
            rows.Parameters.Add(new NpgsqlParameter { Value = (object?)e.RemoteAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            rows.Parameters.Add(new NpgsqlParameter { Value = e.Outcome });
            var detail = "listed" + (e.Detail is null ? "" : " " + e.Detail);
            rows.Parameters.Add(new NpgsqlParameter { Value = detail });
            rows.Parameters.Add(new NpgsqlParameter { Value = listed.Select(r => r.PatientId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
            rows.Parameters.Add(new NpgsqlParameter { Value = listed.Select(r => r.CaseId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(rows);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Who has seen or changed this patient: rows naming the patient or any of the patient's cases.</summary>
    public Task<IReadOnlyList<AuditEntry>> ForPatientAsync(Guid patientId, int limit = 1000, CancellationToken ct = default) => QueryAsync("""
        where patient_id = $1 or case_id in (select case_id from case_summary where patient_id = $1)
        """, patientId, limit, ct);

    /// <summary>What this user has opened or changed.</summary>
    public Task<IReadOnlyList<AuditEntry>> ForUserAsync(string user, int limit = 1000, CancellationToken ct = default) =>
        QueryAsync("where user_name = $1", user, limit, ct);

    private async Task<IReadOnlyList<AuditEntry>> QueryAsync(string where, object key, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select at, user_name, patient_id, case_id, action, remote_address, outcome, detail from phi_audit {where} order by id desc limit $2
            """);
        cmd.Parameters.AddWithValue(key);
        cmd.Parameters.AddWithValue(limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AuditEntry>();
        while (await r.ReadAsync(ct))
            list.Add(new AuditEntry(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2),
                r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7)));
        return list;
    }
}
