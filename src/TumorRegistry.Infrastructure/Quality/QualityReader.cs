using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Quality;
using TumorRegistry.Incidence.Counting;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Infrastructure.Quality;

/// <summary>
/// Reads what the indicators need from PostgreSQL: the year's records (case_summary, the patient's id number, the
/// time of the case's first event in Marten's mt_events) and the population denominators; the rules are Domain.Quality's.
/// </summary>
public sealed class QualityReader(NpgsqlDataSource db, IncidenceSiteGroups sites)
{
    /// <summary>
    /// Records diagnosed in the years, cases marked as duplicates left out (they are resolved). Counted: the incidence
    /// counting rule for <paramref name="state"/> (none without a state). Reported: the timestamp of the case stream's
    /// version 1, its first event (one unique-index lookup; an aggregate over the stream made the planner reach for JIT,
    /// which cost more than the query, docs/benchmarks.md).
    /// </summary>
    public async Task<IReadOnlyList<QualityRecord>> RecordsAsync(int firstYear, int lastYear, string? state, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // No JIT: its compile time is more than the whole query takes (as in RegistryCaseCounts).
        await using (var settings = new NpgsqlCommand("set local jit = off", conn, tx)) await settings.ExecuteNonQueryAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            select c.case_id, c.patient_id, p.patient_id_number, c.reporting_facility, c.abstracted_by, c.dx_year,
                c.type_of_reporting_source, c.age_at_diagnosis, c.patient_sex, c.patient_race1, c.county_at_dx, c.error_count,
                c.failing_edits, c.primary_site, c.histology, c.behavior, c.laterality, c.date_of_diagnosis, f.timestamp,
                coalesce({IncidenceCountingRules.SqlPredicate("c.behavior", "c.primary_site", "c.histology", "c.addr_at_dx_state", "@state",
                    stateStoredUpperTrimmed: true)}, false),
                c.site_recode_2023
            from case_summary c
            left join patients p on p.patient_id = c.patient_id
            left join {RegistryStore.Schema}.mt_events f on f.stream_id = c.case_id and f.version = 1
            where c.dx_year between @from and @to and c.status <> 'duplicate' and c.duplicate_of is null
            """, conn, tx);
        cmd.Parameters.AddWithValue("from", firstYear);
        cmd.Parameters.AddWithValue("to", lastYear);
        cmd.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value });
        var list = new List<QualityRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var patientId = r.GetGuid(1);
            list.Add(new QualityRecord
            {
                CaseId = r.GetGuid(0), PatientId = patientId, PatientIdNumber = Text(r, 2), Facility = Text(r, 3), Abstractor = Text(r, 4),
                DxYear = r.GetInt32(5), TypeOfReportingSource = Text(r, 6), Age = r.IsDBNull(7) ? null : r.GetInt32(7), Sex = Text(r, 8),
                Race1 = Text(r, 9), County = Text(r, 10), ErrorCount = r.GetInt32(11), FailingEdits = r.GetFieldValue<string[]>(12),
                DuplicateKey = ExactDuplicates.Key(patientId, Text(r, 13), Text(r, 14), Text(r, 15), Text(r, 16), Text(r, 17)),
                // A row always has its stream's events; the epoch only if the read model outran them (never seen).
                FirstReportedAt = r.IsDBNull(18) ? DateTimeOffset.UnixEpoch : r.GetFieldValue<DateTimeOffset>(18),
                Counted = r.GetBoolean(19), SiteGroup = sites.NameOf(Text(r, 20)),
            });
        }
        return list;
    }

    /// <summary>
    /// The newest imported population covering the state, summed by year, sex and SEER age group over the years it
    /// has; null when none covers the state.
    /// </summary>
    public async Task<(string Name, IReadOnlyList<PopulationStratum> Strata)?> PopulationAsync(string state, int firstYear, int lastYear,
        CancellationToken ct = default)
    {
        var store = new PopulationStore(db);
        if (await store.LatestForStateAsync(state, ct) is not { } population) return null;
        var (_, cells) = await store.CellsAsync(population.Id, state, firstYear, lastYear, byRace: false, ct);
        var strata = cells.GroupBy(c => (c.Year, Sex: (int)c.Sex, c.AgeGroup))
            .Select(g => new PopulationStratum(g.Key.Year, g.Key.Sex, g.Key.AgeGroup, g.Sum(c => c.Population))).ToList();
        return (population.Name, strata);
    }

    /// <summary>The state of the newest imported population when it covers one state only (the registry's own).</summary>
    public async Task<string?> DefaultStateAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("select states from populations order by imported_at desc, id desc limit 1");
        return await cmd.ExecuteScalarAsync(ct) is string[] { Length: 1 } states ? states[0] : null;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
