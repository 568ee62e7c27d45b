using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.EventStore;
using TumorRegistry.Standards;
using static TumorRegistry.Infrastructure.Cases.PatientsProjection;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// The <c>case_summary</c> table: one row per tumor with its status, edit errors and the items reports use.
/// A patient event refolds every case of that patient too, since status and edits read patient items (a sex
/// change can make a site edit fail, and the row stores the patient's sex, race and origin and the age from the date
/// of birth). It reads patient streams itself, so it rebuilds without the patients table.
/// </summary>
public sealed class CaseSummaryProjection(EventTypeRegistry types, NaaccrStandards standards, EditEngine edits, TimeProvider clock) : IProjection
{
    public const string ProjectionName = "case_summary";
    public string Name => ProjectionName;

    public async Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var streamTypes = await StreamReader.TypesAsync(conn, tx, events, ct);
        var caseIds = streamTypes.Where(s => s.Value == StreamTypes.Tumor).Select(s => s.Key).ToHashSet();
        var patientIds = streamTypes.Where(s => s.Value == StreamTypes.Patient).Select(s => s.Key).ToArray();
        if (patientIds.Length > 0) caseIds.UnionWith(await CasesOfAsync(conn, tx, patientIds, ct));

        var tumors = await StreamReader.ReadAsync(conn, tx, types, caseIds, ct);
        var cases = tumors.Values.Select(s => (Stream: s, Case: TumorCase.From(s.Id, s.Events))).Where(c => c.Case.Exists).ToList();
        var patientsOfCases = cases.Select(c => c.Case.PatientId).Distinct().ToArray();
        await LockPatientsAsync(conn, tx, patientsOfCases, ct);
        var patients = (await StreamReader.ReadAsync(conn, tx, types, patientsOfCases, ct))
            .ToDictionary(p => p.Key, p => Patient.From(p.Key, p.Value.Events));

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var (stream, tumor) in cases)
        {
            var patient = patients.GetValueOrDefault(tumor.PatientId) ?? new Patient(tumor.PatientId);
            batch.BatchCommands.Add(Upsert(stream, tumor, patient, edits.RunEdits(patient, tumor, today)));
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("truncate case_summary", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The status text stored in case_summary.status and used by the worklists.</summary>
    public static string StatusText(CaseStatus status) => status switch
    {
        CaseStatus.Open => "open",
        CaseStatus.Incomplete => "incomplete",
        CaseStatus.FailingEdits => "failing_edits",
        CaseStatus.Completed => "completed",
        CaseStatus.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>
    /// A case append and a patient append can commit at once; each would fold the other's stream as it was
    /// before. Sharing a lock on the patient's stream row (which a patient append updates first) orders them:
    /// whichever comes second waits for the first to commit and then reads its events.
    /// </summary>
    private static async Task LockPatientsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] patientIds, CancellationToken ct)
    {
        if (patientIds.Length == 0) return;
        await using var cmd = new NpgsqlCommand("select id from streams where id = any($1) order by id for share", conn, tx);
        cmd.Parameters.AddWithValue(patientIds);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<Guid>> CasesOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] patientIds, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using var cmd = new NpgsqlCommand("select case_id from case_summary where patient_id = any($1)", conn, tx);
        cmd.Parameters.AddWithValue(patientIds);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        return ids;
    }

    private NpgsqlBatchCommand Upsert(FoldedStream stream, TumorCase tumor, Patient patient, EditReport report)
    {
        string? Item(string id) => tumor.Items.GetValueOrDefault(id);
        var dxYear = tumor.DateOfDiagnosis?.Year;
        var recode = Derived.SiteRecode(tumor.Items, standards)?.Recode;
        var cmd = new NpgsqlBatchCommand("""
            insert into case_summary(case_id, patient_id, status, version, reporting_facility, abstracted_by, updated_at,
                primary_site, histology, behavior, laterality, grade_clinical, grade_pathological, diagnostic_confirmation,
                date_of_diagnosis, dx_year, sequence_number, class_of_case, type_of_reporting_source, summary_stage_2018,
                addr_at_dx_state, county_at_dx, site_recode_2023, error_count, failing_edits, overridden_edits, duplicate_of, items,
                age_at_diagnosis, patient_sex, patient_race1, patient_spanish_hispanic_origin)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
                $24, $25, $26, $27, $28, $29, $30, $31, $32)
            on conflict (case_id) do update set patient_id = excluded.patient_id, status = excluded.status,
                version = excluded.version, reporting_facility = excluded.reporting_facility,
                abstracted_by = excluded.abstracted_by, updated_at = excluded.updated_at, primary_site = excluded.primary_site,
                histology = excluded.histology, behavior = excluded.behavior, laterality = excluded.laterality,
                grade_clinical = excluded.grade_clinical, grade_pathological = excluded.grade_pathological,
                diagnostic_confirmation = excluded.diagnostic_confirmation, date_of_diagnosis = excluded.date_of_diagnosis,
                dx_year = excluded.dx_year, sequence_number = excluded.sequence_number, class_of_case = excluded.class_of_case,
                type_of_reporting_source = excluded.type_of_reporting_source, summary_stage_2018 = excluded.summary_stage_2018,
                addr_at_dx_state = excluded.addr_at_dx_state, county_at_dx = excluded.county_at_dx,
                site_recode_2023 = excluded.site_recode_2023, error_count = excluded.error_count,
                failing_edits = excluded.failing_edits, overridden_edits = excluded.overridden_edits,
                duplicate_of = excluded.duplicate_of, items = excluded.items, age_at_diagnosis = excluded.age_at_diagnosis,
                patient_sex = excluded.patient_sex, patient_race1 = excluded.patient_race1,
                patient_spanish_hispanic_origin = excluded.patient_spanish_hispanic_origin
            """);
        cmd.Parameters.AddWithValue(tumor.Id);
        cmd.Parameters.AddWithValue(tumor.PatientId);
        cmd.Parameters.AddWithValue(StatusText(tumor.StatusWith(patient.Items, report)));
        cmd.Parameters.AddWithValue(tumor.Version);
        Text(cmd, Item("reportingFacility"));
        Text(cmd, stream.LastUser);
        cmd.Parameters.AddWithValue(stream.LastRecordedAt);
        Text(cmd, Item("primarySite"));
        Text(cmd, Item("histologicTypeIcdO3"));
        Text(cmd, Item("behaviorCodeIcdO3"));
        Text(cmd, Item("laterality"));
        Text(cmd, Item("gradeClinical"));
        Text(cmd, Item("gradePathological"));
        Text(cmd, Item("diagnosticConfirmation"));
        Text(cmd, Item("dateOfDiagnosis"));
        Int(cmd, dxYear);
        Text(cmd, Item("sequenceNumberCentral") ?? Item("sequenceNumberHospital"));
        Text(cmd, Item("classOfCase"));
        Text(cmd, Item("typeOfReportingSource"));
        Text(cmd, Item("summaryStage2018"));
        // Stored trimmed and upper case (as migration 0005 left older rows) so queries compare the column as it is.
        Text(cmd, Item("addrAtDxState")?.Trim(' ').ToUpperInvariant());
        Text(cmd, Item("countyAtDx"));
        Text(cmd, recode);
        cmd.Parameters.AddWithValue(report.BlockingErrors.Count());
        cmd.Parameters.AddWithValue(report.Failures.Select(f => f.Edit.Id).ToArray());
        cmd.Parameters.AddWithValue(tumor.OverriddenEdits.Order(StringComparer.Ordinal).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)tumor.DuplicateOf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        Json(cmd, tumor.Items);
        // Needs the patient's date of birth: a patient event refolds this row (ApplyAsync), so a correction reaches it.
        Int(cmd, Derived.AgeForStatistics(Item("ageAtDiagnosis"), patient.Items.GetValueOrDefault("dateOfBirth"), Item("dateOfDiagnosis")));
        // The patient items the incidence count groups by, as the patients projection stores them (migration 0006), so the
        // count needs no join to patients; refolded with the patient like the age.
        Text(cmd, patient.Sex?.ToV26Code());
        Text(cmd, patient.Items.GetValueOrDefault("race1"));
        Text(cmd, patient.Items.GetValueOrDefault("spanishHispanicOrigin"));
        return cmd;
    }
}
