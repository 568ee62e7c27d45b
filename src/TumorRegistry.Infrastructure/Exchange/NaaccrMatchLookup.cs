using System.Text.Json;
using Npgsql;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Infrastructure.Exchange;

/// <summary>
/// The registry's side of matching, for one batch of incoming records, in the batch's transaction (a few queries per
/// batch, not per record): patients by (Registry ID, Patient ID Number) in naaccr_patient_keys, else a patient entered
/// here (no key from another registry) with that Patient ID Number, else the patient of a case with the same Reporting
/// Facility, Accession Number--Hosp and Sequence Number--Hosp; then every case of the patients found.
/// </summary>
internal sealed class NaaccrMatchLookup
{
    private readonly Dictionary<string, KnownPatient> _byPid = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), Guid> _byAccession = [];
    private readonly Dictionary<Guid, KnownPatient> _patients = [];
    private readonly Dictionary<Guid, List<KnownCase>> _cases = [];

    public KnownPatient? PatientOf(NaaccrPatientRecord record)
    {
        if (_byPid.TryGetValue(record["patientIdNumber"]!, out var p)) return p;
        foreach (var t in record.Tumors)
            if (NaaccrMatching.AccessionOf(t.Items) is { } key && _byAccession.TryGetValue(key, out var id) && _patients.TryGetValue(id, out p))
                return p;
        return null;
    }

    public IReadOnlyList<KnownCase> CasesOf(Guid patientId) => _cases.GetValueOrDefault(patientId) ?? [];

    /// <summary>The existing streams the batch may change: the patients found and all their cases.</summary>
    public IEnumerable<Guid> StreamIds => _patients.Keys.Concat(_cases.Values.SelectMany(c => c.Select(x => x.Id)));

    public static async Task<NaaccrMatchLookup> FindAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string registryId,
        IReadOnlyList<NaaccrPatientRecord> records, CancellationToken ct)
    {
        var found = new NaaccrMatchLookup();
        var pids = records.Select(r => r["patientIdNumber"]!).Distinct().ToArray();
        var byPid = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await ReadAsync(conn, tx, "select patient_id_number, patient_id from naaccr_patient_keys where registry_id = $1 and patient_id_number = any($2)",
            [registryId, pids], r => byPid[r.GetString(0)] = r.GetGuid(1), ct);
        var missing = pids.Where(p => !byPid.ContainsKey(p)).ToArray();
        if (missing.Length > 0)
            await ReadAsync(conn, tx, """
                select patient_id_number, patient_id from patients p where patient_id_number = any($1)
                and not exists (select 1 from naaccr_patient_keys k where k.patient_id = p.patient_id) order by patient_id
                """, [missing], r => byPid.TryAdd(r.GetString(0), r.GetGuid(1)), ct);

        // One index probe per key (case_summary_accession). As a plain join the planner, seeing a table that grew within
        // the import and was never analysed, merged the keys with a scan of every case's items (detoasted, per batch):
        // the limit keeps the subquery apart, so it runs once per key on the index.
        var accessions = records.Where(r => !byPid.ContainsKey(r["patientIdNumber"]!))
            .SelectMany(r => r.Tumors).Select(t => NaaccrMatching.AccessionOf(t.Items)).OfType<(string F, string A, string S)>().Distinct().ToList();
        if (accessions.Count > 0)
            await ReadAsync(conn, tx, """
                select k.f, k.a, k.s, c.patient_id
                from unnest($1::text[], $2::text[], $3::text[]) k(f, a, s)
                cross join lateral (select c.patient_id from case_summary c where c.reporting_facility = k.f
                    and c.items ->> 'accessionNumberHosp' = k.a and c.items ->> 'sequenceNumberHospital' = k.s
                    order by c.patient_id limit 1) c
                """, [accessions.Select(k => k.F).ToArray(), accessions.Select(k => k.A).ToArray(), accessions.Select(k => k.S).ToArray()],
                r => found._byAccession.TryAdd((r.GetString(0), r.GetString(1), r.GetString(2)), r.GetGuid(3)), ct);

        var patientIds = byPid.Values.Concat(found._byAccession.Values).Distinct().ToArray();
        if (patientIds.Length == 0) return found;
        await ReadAsync(conn, tx, "select patient_id, version, items::text from patients where patient_id = any($1)", [patientIds],
            r => found._patients[r.GetGuid(0)] = new KnownPatient(r.GetGuid(0), r.GetInt32(1), Items(r.GetString(2))), ct);
        await ReadAsync(conn, tx, "select case_id, patient_id, version, items::text, duplicate_of is not null from case_summary where patient_id = any($1)",
            [patientIds], r =>
            {
                var c = new KnownCase(r.GetGuid(0), r.GetGuid(1), r.GetInt32(2), Items(r.GetString(3)), r.GetBoolean(4));
                if (!found._cases.TryGetValue(c.PatientId, out var list)) found._cases[c.PatientId] = list = [];
                list.Add(c);
            }, ct);
        foreach (var (pid, id) in byPid)
            if (found._patients.TryGetValue(id, out var p)) found._byPid[pid] = p;
        return found;
    }

    /// <summary>Records which registry's Patient ID Number each imported patient carries.</summary>
    public static async Task SaveKeysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string registryId,
        IReadOnlyList<(string Pid, Guid Patient)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        await using var cmd = new NpgsqlCommand("""
            insert into naaccr_patient_keys(registry_id, patient_id_number, patient_id)
            select $1, k.pid, k.patient from unnest($2::text[], $3::uuid[]) k(pid, patient)
            on conflict do nothing
            """, conn, tx);
        cmd.Parameters.AddWithValue(registryId);
        cmd.Parameters.AddWithValue(keys.Select(k => k.Pid).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Patient).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static Dictionary<string, string> Items(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static async Task ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object[] args, Action<NpgsqlDataReader> row,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) row(r);
    }
}
