using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.FollowUp;

/// <summary>One case and its patient, as annual follow-up reads them from case_summary and patients.</summary>
public sealed record FollowUpRow(Guid CaseId, Guid PatientId, string? PatientIdNumber, string? NameLast, string? NameFirst,
    string? ReportingFacility, string? NextFollowUpSource, FollowUpCase Case)
{
    public int PatientVersion { get; init; }
    /// <summary>The abstracted physicians and contact of this case (NAACCR items), and the patient's current address.</summary>
    public string? PhysicianFollowUp { get; init; }
    public string? NpiPhysicianFollowUp { get; init; }
    public string? PhysicianManaging { get; init; }
    public string? NpiPhysicianManaging { get; init; }
    public FollowUpAddressee? Contact { get; init; }
    public FollowUpAddressee PatientAddress { get; init; } = null!;

    /// <summary>The physician to ask first: the follow-up physician, else the managing physician; null when neither is abstracted.</summary>
    public FollowUpAddressee? Physician =>
        PhysicianFollowUp is not null || NpiPhysicianFollowUp is not null
            ? new(FollowUpAddressee.Physician, PhysicianFollowUp, NpiPhysicianFollowUp, null, null, null, null, null)
            : PhysicianManaging is not null || NpiPhysicianManaging is not null
                ? new(FollowUpAddressee.Physician, PhysicianManaging, NpiPhysicianManaging, null, null, null, null, null)
                : null;
}

/// <summary>Reads cases with their patient; the rules in Domain.FollowUp decide due, lost, excluded and the rates.</summary>
public sealed class FollowUpReader(NpgsqlDataSource db)
{
    private const string Select = """
        select c.case_id, c.patient_id, p.patient_id_number, p.items->>'nameLast', p.items->>'nameFirst', c.reporting_facility,
            c.items->>'nextFollowUpSource', c.class_of_case, p.vital_status, c.status = 'duplicate' or c.duplicate_of is not null,
            c.date_of_diagnosis, p.date_of_last_contact,
            c.primary_site, c.histology, c.behavior, c.summary_stage_2018, p.items->>'addrCurrentCountry', p.date_of_birth, p.version,
            c.items->>'physicianFollowUp', c.items->>'npiPhysicianFollowUp', c.items->>'physicianManaging', c.items->>'npiPhysicianManaging',
            c.items->>'followUpContactName', c.items->>'followUpContactNost', c.items->>'followUpContactSuppl', c.items->>'followUpContactCity',
            c.items->>'followUpContactState', c.items->>'followUpContactPostal',
            p.items->>'addrCurrentNoStreet', p.items->>'addrCurrentSupplementl', p.items->>'addrCurrentCity', p.items->>'addrCurrentState',
            p.items->>'addrCurrentPostalCode'
        from case_summary c join patients p on p.patient_id = c.patient_id
        """;

    // The manager's pages (home, due list, rates, open requests) each read every analytic case. They reuse the last
    // read while no event was appended since (the read models change only with events), for at most half a minute:
    // an append that commits after a later one does not move max(seq_id), and the age bounds how long that can hide.
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(30);
    private const int ReuseUpTo = 250_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Sequence, DateTime At, IReadOnlyList<FollowUpRow> Rows)> _recent = new();

    /// <summary>Analytic cases, duplicates included (the rules leave them out), in facility, patient and case order.</summary>
    public async Task<IReadOnlyList<FollowUpRow>> AnalyticCasesAsync(string? facility, CancellationToken ct)
    {
        long sequence;
        await using (var last = db.CreateCommand("select coalesce(max(seq_id), 0) from marten.mt_events"))
            sequence = (long)(await last.ExecuteScalarAsync(ct))!;
        var key = facility ?? "";
        if (_recent.TryGetValue(key, out var held) && held.Sequence == sequence && DateTime.UtcNow - held.At < Reuse) return held.Rows;
        var rows = await ReadAnalyticCasesAsync(facility, ct);
        if (rows.Count <= ReuseUpTo) _recent[key] = (sequence, DateTime.UtcNow, rows);
        return rows;
    }

    private async Task<IReadOnlyList<FollowUpRow>> ReadAnalyticCasesAsync(string? facility, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Select + """

            where length(c.class_of_case) = 2 and c.class_of_case between '10' and '22'
              and ($1::text is null or c.reporting_facility = $1)
            order by c.reporting_facility, p.patient_id_number, c.patient_id, c.case_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadAsync(cmd, ct);
    }

    /// <summary>
    /// Analytic cases with only what the rules read (no physicians, contacts or addresses: fewer documents to open),
    /// for the nightly jobs over the whole registry; the addressees of the few candidates come from <see cref="CasesOfPatientsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpRow>> AnalyticCasesForRulesAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select c.case_id, c.patient_id, p.patient_id_number, null::text, null::text, c.reporting_facility,
                c.items->>'nextFollowUpSource', c.class_of_case, p.vital_status, c.status = 'duplicate' or c.duplicate_of is not null,
                c.date_of_diagnosis, p.date_of_last_contact,
                c.primary_site, c.histology, c.behavior, c.summary_stage_2018, p.items->>'addrCurrentCountry', p.date_of_birth, p.version
            from case_summary c join patients p on p.patient_id = c.patient_id
            where length(c.class_of_case) = 2 and c.class_of_case between '10' and '22'
            """);
        return await ReadAsync(cmd, ct, full: false);
    }

    /// <summary>Every case (analytic or not) of the patients given, with physicians, contacts and addresses.</summary>
    public async Task<IReadOnlyList<FollowUpRow>> CasesOfPatientsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct)
    {
        if (patientIds.Count == 0) return [];
        await using var cmd = db.CreateCommand(Select + "\nwhere c.patient_id = any($1) order by c.patient_id, c.case_id");
        cmd.Parameters.AddWithValue(patientIds.ToArray());
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Every case of one patient, analytic or not (for "why is this patient not followed").</summary>
    public async Task<IReadOnlyList<FollowUpRow>> PatientCasesAsync(Guid patientId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Select + "\nwhere c.patient_id = $1 order by c.case_id");
        cmd.Parameters.AddWithValue(patientId);
        return await ReadAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<FollowUpRow>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct, bool full = true)
    {
        var rows = new List<FollowUpRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var contactName = full ? Text(r, 23) : null;
            var row = new FollowUpRow(r.GetGuid(0), r.GetGuid(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6),
                new FollowUpCase(Text(r, 7), Text(r, 8), r.GetBoolean(9), Text(r, 10), Text(r, 11))
                {
                    PrimarySite = Text(r, 12), Histology = Text(r, 13), Behavior = Text(r, 14), SummaryStage2018 = Text(r, 15),
                    NextFollowUpSource = Text(r, 6), CurrentCountry = Text(r, 16), DateOfBirth = Text(r, 17),
                })
            {
                PatientVersion = r.GetInt32(18),
            };
            if (!full)
            {
                rows.Add(row with { PatientAddress = new(FollowUpAddressee.Patient, null, null, null, null, null, null, null) });
                continue;
            }
            rows.Add(row with
            {
                PhysicianFollowUp = Text(r, 19), NpiPhysicianFollowUp = Text(r, 20), PhysicianManaging = Text(r, 21), NpiPhysicianManaging = Text(r, 22),
                Contact = contactName is null ? null
                    : new(FollowUpAddressee.Contact, contactName, null, Text(r, 24), Text(r, 25), Text(r, 26), Text(r, 27), Text(r, 28)),
                PatientAddress = new(FollowUpAddressee.Patient,
                    string.Join(" ", new[] { Text(r, 4), Text(r, 3) }.Where(n => !string.IsNullOrWhiteSpace(n))),
                    null, Text(r, 29), Text(r, 30), Text(r, 31), Text(r, 32), Text(r, 33)),
            });
        }
        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

/// <summary>The shipped CoC exclusions (reference/coc/follow-up-exclusions.json), read once.</summary>
public static class FollowUpRulesFile
{
    private static readonly Lazy<FollowUpRules> Shipped =
        new(() => FollowUpRules.Parse(File.ReadAllText(ReferenceData.Path("reference", "coc", "follow-up-exclusions.json"))));

    public static FollowUpRules Default => Shipped.Value;
}
