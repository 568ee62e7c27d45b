using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Standards;
using static TumorRegistry.Infrastructure.Cases.PatientsProjection;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// The <c>case_summary</c> table: one row per tumor with its status, edit errors and the items reports use.
/// A patient event refolds every case of that patient too, since status and edits read patient items (a sex
/// change can make a site edit fail, and the row stores the patient's sex, race and origin and the age from the date
/// of birth). It reads patient streams itself, so it rebuilds without the patients table.
/// </summary>
public sealed class CaseSummaryProjection(NaaccrStandards standards, EditEngine edits, TimeProvider clock) : RegistryProjection
{
    public const string ProjectionName = "case_summary";
    public override string Name => ProjectionName;
    public override string Table => "case_summary";
    public override ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public override async Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // A patient event without items (the follow-up requests, letters, escalations, lost) cannot change a case row.
        var touched = events.Where(e => !(e.Data is DomainEvent d && DomainEvents.Of(d.GetType()).Stream == StreamKind.Patient
                && !ItemMapping.ItemsOf(d).Any()))
            .Select(e => e.StreamId).Distinct().ToList();
        if (touched.Count == 0) return;
        await StreamLocks.ForUpdateAsync(ops, touched, ct);
        var folded = await StreamFolder.FoldAsync(ops, touched, events, ct);
        var caseIds = folded.Values.Where(s => s.Kind == StreamKind.Tumor).Select(s => s.Id).ToHashSet();
        var patientIds = folded.Values.Where(s => s.Kind == StreamKind.Patient).Select(s => s.Id).ToArray();
        // A patient this save starts has no case rows yet (its new cases are among the folded streams).
        var existingPatients = StartedStreams.Existing(patientIds).ToArray();
        if (existingPatients.Length > 0) caseIds.UnionWith(await CasesOfAsync(ops, existingPatients, ct));

        var others = caseIds.Where(id => !folded.ContainsKey(id)).ToList();
        var tumors = folded.Values.Where(s => s.Kind == StreamKind.Tumor)
            .Concat((await StreamFolder.FoldAsync(ops, others, events, ct)).Values);
        var cases = tumors.Select(s => (Stream: s, Case: TumorCase.From(s.Id, s.Events))).Where(c => c.Case.Exists).ToList();
        var patientsOfCases = cases.Select(c => c.Case.PatientId).Distinct().ToArray();
        await StreamLocks.ForShareAsync(ops, patientsOfCases.Except(patientIds), ct);
        var patients = (await StreamFolder.FoldAsync(ops, patientsOfCases, events, ct))
            .ToDictionary(p => p.Key, p => Patient.From(p.Key, p.Value.Events));

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Edits and rows are pure work on each case: an import batch's hundreds of cases are spread over the cores.
        var rows = new object[cases.Count][];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = cases.Count >= 64 ? Environment.ProcessorCount : 1 }, i =>
        {
            var (stream, tumor) = cases[i];
            var patient = patients.GetValueOrDefault(tumor.PatientId) ?? new Patient(tumor.PatientId);
            rows[i] = Values(stream, tumor, patient, today);
        });
        var copied = new List<object[]>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (StartedStreams.Contains(cases[i].Stream.Id)) copied.Add(rows[i]);
            else ops.QueueSqlCommand(UpsertSql, rows[i]);
        }
        if (copied.Count > 0) await Copy.WriteAsync(ops.Connection, copied, ct);
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

    private static async Task<IReadOnlyList<Guid>> CasesOfAsync(IDocumentOperations ops, Guid[] patientIds, CancellationToken ct) =>
        await ops.AdvancedSql.QueryAsync<Guid>("select case_id from case_summary where patient_id = any(?)", ct, patientIds);

    private static readonly ReadModelCopy Copy = new(UpsertSql);

    // A rebuild racing a live append may fold an older case stream: the version guard keeps the newer row.
    internal const string UpsertSql = """
            insert into case_summary(case_id, patient_id, status, version, reporting_facility, abstracted_by, updated_at,
                primary_site, histology, behavior, laterality, grade_clinical, grade_pathological, diagnostic_confirmation,
                date_of_diagnosis, dx_year, sequence_number, class_of_case, type_of_reporting_source, summary_stage_2018,
                addr_at_dx_state, county_at_dx, site_recode_2023, error_count, failing_edits, overridden_edits, duplicate_of, items,
                age_at_diagnosis, patient_sex, patient_race1, patient_spanish_hispanic_origin)
            values (?::uuid, ?::uuid, ?::text, ?::int, ?::text, ?::text, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::int, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text,
                ?::int, ?::text[], ?::text[], ?::uuid, ?::jsonb, ?::int, ?::text, ?::text, ?::text)
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
        where case_summary.version <= excluded.version
        """;

    /// <summary>The row of <see cref="UpsertSql"/> for a folded case (also used to replay the registry as of a sequence).</summary>
    internal object[] Values(FoldedStream stream, TumorCase tumor, Patient patient, DateOnly today)
    {
        // The case's items as the edits see them, built once for the edits and the status.
        var caseItems = CaseItems.Of(patient, tumor);
        var report = edits.Run(caseItems, today, tumor.OverriddenEdits);
        string? Item(string id) => tumor.Items.GetValueOrDefault(id);
        var recode = Derived.SiteRecode(tumor.Items, standards)?.Recode;
        return
        [
            tumor.Id, tumor.PatientId, StatusText(tumor.StatusWithCaseItems(caseItems, report)), tumor.Version,
            Db(Item("reportingFacility")), Db(stream.LastUser), stream.LastRecordedAt,
            Db(Item("primarySite")), Db(Item("histologicTypeIcdO3")), Db(Item("behaviorCodeIcdO3")), Db(Item("laterality")),
            Db(Item("gradeClinical")), Db(Item("gradePathological")), Db(Item("diagnosticConfirmation")),
            Db(Item("dateOfDiagnosis")), Db(tumor.DateOfDiagnosis?.Year),
            Db(Item("sequenceNumberCentral") ?? Item("sequenceNumberHospital")), Db(Item("classOfCase")),
            Db(Item("typeOfReportingSource")), Db(Item("summaryStage2018")),
            // Stored trimmed and upper case (as migration 0005 left older rows) so queries compare the column as it is.
            Db(Item("addrAtDxState")?.Trim(' ').ToUpperInvariant()), Db(Item("countyAtDx")), Db(recode),
            report.BlockingErrors.Count(), report.Failures.Select(f => f.Edit.Id).ToArray(),
            tumor.OverriddenEdits.Order(StringComparer.Ordinal).ToArray(), Db(tumor.DuplicateOf), Json(tumor.Items),
            // Needs the patient's date of birth: a patient event refolds this row, so a correction reaches it.
            Db(Derived.AgeForStatistics(Item("ageAtDiagnosis"), patient.Items.GetValueOrDefault("dateOfBirth"), Item("dateOfDiagnosis"))),
            // The patient items the incidence count groups by (migration 0006), so the count needs no join to patients.
            Db(patient.Sex?.ToV26Code()), Db(patient.Items.GetValueOrDefault("race1")), Db(patient.Items.GetValueOrDefault("spanishHispanicOrigin")),
        ];
    }
}
