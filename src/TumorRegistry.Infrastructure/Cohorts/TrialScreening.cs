using System.Text;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Infrastructure.Cohorts;

/// <summary>One living patient's tumor that meets a trial's criteria, with the items that met them (identified data).</summary>
public sealed record TrialCandidate(Guid PatientId, Guid CaseId, string? PatientIdNumber, string? LastName, string? FirstName,
    string? Facility, IReadOnlyDictionary<string, string?> MatchingItems);

/// <summary>
/// Clinical trial screening: a saved cohort's criteria run against living patients (vital status 1, whatever the cohort
/// says about vital status), one row per matching tumor, each with the NAACCR items its criteria were checked on.
/// </summary>
public sealed class TrialScreening(NpgsqlDataSource db)
{
    // Cohort parameter -> the NAACCR items shown for it, and the column each is read from.
    static readonly (string Parameter, string Item, string Column)[] Items =
    [
        ("site", "primarySite", "c.primary_site"), ("site", "siteRecode2023", "c.site_recode_2023"),
        ("histology", "histologicTypeIcdO3", "c.histology"), ("behavior", "behaviorCodeIcdO3", "c.behavior"),
        ("stage", "summaryStage2018", "c.summary_stage_2018"), ("age", "ageAtDiagnosis", "c.age_at_diagnosis::text"),
        ("sex", "sex", "p.sex"), ("race", "race1", "p.race1"), ("years", "dateOfDiagnosis", "c.date_of_diagnosis"),
        ("facility", "reportingFacility", "c.reporting_facility"), ("state", "addrAtDxState", "c.addr_at_dx_state"),
        ("county", "countyAtDx", "c.county_at_dx"), ("vitalStatus", "vitalStatus", "p.vital_status"),
    ];

    /// <summary>Candidates for the cohort; <paramref name="facilities"/> limits them to the facilities a principal holds (null = all).</summary>
    public async Task<IReadOnlyList<TrialCandidate>> ScreenAsync(SavedCohort saved, CohortDefinition cohort, IReadOnlyList<string>? facilities,
        CancellationToken ct = default)
    {
        var shown = Items.Where(i => i.Parameter == "vitalStatus" || saved.Definition.Keys.Contains(i.Parameter, StringComparer.OrdinalIgnoreCase)).ToArray();
        var sql = new StringBuilder($"""
            select c.patient_id, c.case_id, p.patient_id_number, p.items->>'nameLast', p.items->>'nameFirst', c.reporting_facility,
                   {string.Join(", ", shown.Select(i => i.Column))}
            from case_summary c join patients p on p.patient_id = c.patient_id
            where c.status <> 'duplicate' and p.vital_status = '1'
            """);
        await using var cmd = new NpgsqlCommand();
        CohortReader.AppendPredicate(sql, cmd, cohort with { VitalStatuses = [] });
        if (facilities is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter("held", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = facilities.ToArray() });
            sql.Append("\n  and c.reporting_facility = any(@held)");
        }
        sql.Append("\norder by p.patient_id_number, c.case_id");
        cmd.CommandText = sql.ToString();
        await using var conn = await db.OpenConnectionAsync(ct);
        cmd.Connection = conn;
        var list = new List<TrialCandidate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (await r.ReadAsync(ct))
        {
            var items = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            for (int i = 0; i < shown.Length; i++) items[shown[i].Item] = S(6 + i);
            list.Add(new TrialCandidate(r.GetGuid(0), r.GetGuid(1), S(2), S(3), S(4), S(5), items));
        }
        return list;
    }
}
