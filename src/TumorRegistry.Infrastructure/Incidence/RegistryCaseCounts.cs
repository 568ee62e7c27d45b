using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Counting;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>Counted tumors left out of the table cells, by reason (they are in no rate).</summary>
public sealed record CountExclusions(long UnknownAge, long UnknownSex, long NoSiteGroup);

/// <summary>
/// Case counts for incidence tables, grouped in PostgreSQL from the case read model (case_summary alone: it stores the
/// patient's sex, Race 1 and Spanish/Hispanic origin, migration 0006):
/// duplicates excluded, the library's counting rule as SQL, county, SEER site recode, sex, race/ethnicity, year
/// and SEER age group of the age at diagnosis.
/// </summary>
public sealed class RegistryCaseCounts(NpgsqlDataSource db, IncidenceSiteGroups sites)
{
    /// <summary>The highest event sequence number the last <see cref="CountAsync"/> saw (the registry state of its counts).</summary>
    public long LastSequence { get; private set; }

    /// <summary>Label of cases whose race is unknown or other (they count in the all-races rows only).</summary>
    public const string UnknownRace = "Unknown race";

    /// <summary>
    /// NAACCR Race 1 to the SEER population race code: 01 White (1), 02 Black (2), 03 American Indian/Alaska Native (3),
    /// 04-97 Asian or Pacific Islander (4); 88 (not a Race 1 code), 98 other and 99 unknown have none.
    /// </summary>
    internal const string SeerRaceSql = """
        case when c.patient_race1 = '01' then 1 when c.patient_race1 = '02' then 2 when c.patient_race1 = '03' then 3
             when c.patient_race1 ~ '^[0-9]{2}$' and c.patient_race1 between '04' and '97' and c.patient_race1 <> '88' then 4 end
        """;

    /// <summary>
    /// The counting query (public for the benchmark's EXPLAIN). The planner cannot estimate the counting rule's
    /// expressions (it guesses a few hundred rows of a million; with the former join to patients that meant a nested
    /// loop), so the scan sits in a fenced subquery (offset 0) with only the well-estimated filters, and the rule comes
    /// back from it as a column. Sex, race and origin are the patient's, stored on the case row by the projection.
    /// Age at diagnosis is the projection's stored column (Derived.AgeForStatistics; null when unknown), and the state
    /// is stored trimmed and upper case. Without <paramref name="byRace"/> race and origin are not grouped at all.
    /// </summary>
    public static string Sql(bool filterSites, bool byRace = true, bool filterCases = false) => $"""
        select site, county, sex, race, hispanic, dx_year,
               {SeerAgeGroups.SqlExpression("age")}, count(*)
        from (
            select c.site_recode_2023 as site,
                   case when c.county_at_dx ~ '^[0-9]{"{3}"}$' then c.county_at_dx else '999' end as county,
                   c.patient_sex as sex,
                   {(byRace ? SeerRaceSql : "null::int")} as race,
                   {(byRace ? "coalesce(c.patient_spanish_hispanic_origin ~ '^[1-8]$', false)" : "false")} as hispanic,
                   c.dx_year,
                   c.age_at_diagnosis as age,
                   {IncidenceCountingRules.SqlPredicate("c.behavior", "c.primary_site", "c.histology", "c.addr_at_dx_state", "@state",
                       stateStoredUpperTrimmed: true)} as counted
            from case_summary c
            where c.status <> 'duplicate' and c.dx_year between @from and @to
              {(filterSites ? "and c.site_recode_2023 = any(@recodes)" : "")}
              {(filterCases ? "and c.case_id = any(@cases)" : "")}
            offset 0
        ) t
        where counted
        group by 1, 2, 3, 4, 5, 6, 7
        """;

    /// <summary>
    /// Counts for <paramref name="statePostal"/> and the years. Counties are named stateFips + county at diagnosis (999 when
    /// unknown). With <paramref name="byOrigin"/> (the population splits Hispanic origin) Spanish/Hispanic origin 1-8 is
    /// "Hispanic" and everyone else non-Hispanic by race; otherwise race alone. <paramref name="siteGroups"/> null: every
    /// group plus "All Sites". Without <paramref name="byRace"/> every count is labelled "All races".
    /// </summary>
    public async Task<(IReadOnlyList<CaseCount> Counts, CountExclusions Excluded)> CountAsync(string statePostal, string stateFips,
        int firstYear, int lastYear, bool byOrigin, bool byRace, IReadOnlyList<string>? siteGroups, CancellationToken ct = default,
        IReadOnlyList<Guid>? caseIds = null, Reports.SnapshotScope? scope = null)
    {
        var wantAll = siteGroups is null || siteGroups.Contains(IncidenceSiteGroups.AllSites);
        var wanted = siteGroups?.ToHashSet(StringComparer.Ordinal);
        // A snapshot scope (live or replayed as of a sequence) brings its own connection, transaction and sequence.
        await using var own = scope is null ? await db.OpenConnectionAsync(ct) : null;
        var conn = scope?.Connection ?? own!;
        // Repeatable read: the sequence number read first names exactly the state the counts come from.
        await using var ownTx = scope is null ? await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct) : null;
        var tx = scope?.Transaction ?? ownTx!;
        if (scope is not null) LastSequence = scope.Sequence;
        else
        {
            await using var seq = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {Events.RegistryStore.Schema}.mt_events", conn, tx);
            LastSequence = (long)(await seq.ExecuteScalarAsync(ct))!;
        }
        // One query over the whole registry: memory to hash the groups rather than spill them, and no JIT, whose compile
        // time cost more than it saved in the benchmark (docs/benchmarks.md).
        await using (var settings = new NpgsqlCommand("set local work_mem = '16MB'; set local jit = off", conn, tx))
            await settings.ExecuteNonQueryAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql(!wantAll, byRace, caseIds is not null), conn, tx);
        if (caseIds is not null)
            cmd.Parameters.Add(new NpgsqlParameter("cases", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = caseIds.ToArray() });
        cmd.Parameters.AddWithValue("state", statePostal);
        cmd.Parameters.AddWithValue("from", firstYear);
        cmd.Parameters.AddWithValue("to", lastYear);
        if (!wantAll)
            cmd.Parameters.Add(new NpgsqlParameter("recodes", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                Value = sites.RecodesOf(siteGroups!).ToArray(),
            });

        var cells = new Dictionary<(string, string, Sex, string, int, int), long>();
        long unknownAge = 0, unknownSex = 0, noSite = 0;
        var labels = new Dictionary<(int?, bool), string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var n = r.GetInt64(7);
            var sexCode = r.IsDBNull(2) ? null : r.GetString(2);
            if (sexCode is not ("1" or "2")) { unknownSex += n; continue; }
            if (r.IsDBNull(6)) { unknownAge += n; continue; }
            var site = sites.NameOf(r.IsDBNull(0) ? null : r.GetString(0));
            if (site is null) noSite += n;
            int? race = r.IsDBNull(3) ? null : r.GetInt32(3);
            var hispanic = r.GetBoolean(4);
            if (!labels.TryGetValue((race, hispanic), out var label))
                labels[(race, hispanic)] = label = byRace ? Label(race, hispanic, byOrigin) : RaceEthnicity.AllRaces;
            var county = stateFips + r.GetString(1);
            var sex = (Sex)(sexCode[0] - '0');
            var year = r.GetInt32(5);
            var age = r.GetInt32(6);
            if (wantAll) Add((county, IncidenceSiteGroups.AllSites, sex, label, year, age), n);
            if (site is not null && (wanted is null || wanted.Contains(site))) Add((county, site, sex, label, year, age), n);
        }
        var counts = cells.Select(kv => new CaseCount(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Key.Item4, kv.Key.Item5, kv.Key.Item6, kv.Value))
            .ToList();
        return (counts, new CountExclusions(unknownAge, unknownSex, noSite));

        void Add((string, string, Sex, string, int, int) key, long n) =>
            cells[key] = cells.GetValueOrDefault(key) + n;
    }

    /// <summary>The race/ethnicity label in the population's vocabulary (<see cref="RaceEthnicity.FromSeer"/>).</summary>
    public static string Label(int? seerRace, bool hispanic, bool byOrigin) =>
        byOrigin && hispanic ? RaceEthnicity.FromSeer(1, 1)
        : seerRace is int race ? RaceEthnicity.FromSeer(race, byOrigin ? 0 : 9)
        : UnknownRace;
}
