using Npgsql;

namespace TumorRegistry.Infrastructure.Security;

/// <summary>
/// Which facilities a patient or case belongs to: a case's reporting facility (case_summary, committed with the
/// events), a patient's through its cases, or the facilities it was registered for before it had a case.
/// </summary>
public sealed class RecordScope(NpgsqlDataSource db)
{
    /// <summary>The facilities of the case or patient with this id, and the patient id when it is a case's.</summary>
    public async Task<(IReadOnlyList<string> Facilities, Guid? PatientId)> FacilitiesOfAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            select reporting_facility, patient_id, case_id = $1 from case_summary where case_id = $1 or patient_id = $1
            union all select facility, patient_id, false from patient_facilities where patient_id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var facilities = new List<string>();
        Guid? patient = null;
        while (await r.ReadAsync(ct))
        {
            if (!r.IsDBNull(0)) facilities.Add(r.GetString(0));
            if (r.GetBoolean(2)) patient = r.GetGuid(1);
        }
        return (facilities, patient);
    }

    public async Task AddPatientFacilitiesAsync(Guid patientId, IEnumerable<string> facilities, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            insert into patient_facilities (patient_id, facility) select $1, f from unnest($2::text[]) f on conflict do nothing
            """);
        cmd.Parameters.AddWithValue(patientId);
        cmd.Parameters.AddWithValue(facilities.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
