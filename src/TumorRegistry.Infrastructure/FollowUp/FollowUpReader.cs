using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.FollowUp;

namespace TumorRegistry.Infrastructure.FollowUp;

/// <summary>One analytic case and its patient, as annual follow-up reads them from case_summary and patients.</summary>
public sealed record FollowUpRow(Guid CaseId, Guid PatientId, string? PatientIdNumber, string? NameLast, string? NameFirst,
    string? ReportingFacility, string? NextFollowUpSource, FollowUpCase Case);

/// <summary>Reads analytic cases (Class of Case 10 to 22) with their patient; the rules in Domain.FollowUp decide the rest.</summary>
public sealed class FollowUpReader(NpgsqlDataSource db)
{
    /// <summary>Analytic cases, duplicates included (the rules leave them out), in facility, patient and case order.</summary>
    public async Task<IReadOnlyList<FollowUpRow>> AnalyticCasesAsync(string? facility, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select c.case_id, c.patient_id, p.patient_id_number, p.items->>'nameLast', p.items->>'nameFirst', c.reporting_facility,
                c.items->>'nextFollowUpSource', c.class_of_case, p.vital_status, c.status = 'duplicate' or c.duplicate_of is not null,
                c.date_of_diagnosis, p.date_of_last_contact
            from case_summary c join patients p on p.patient_id = c.patient_id
            where length(c.class_of_case) = 2 and c.class_of_case between '10' and '22'
              and ($1::text is null or c.reporting_facility = $1)
            order by c.reporting_facility, p.patient_id_number, c.patient_id, c.case_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var rows = new List<FollowUpRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new FollowUpRow(r.GetGuid(0), r.GetGuid(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6),
                new FollowUpCase(Text(r, 7), Text(r, 8), r.GetBoolean(9), Text(r, 10), Text(r, 11))));
        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
