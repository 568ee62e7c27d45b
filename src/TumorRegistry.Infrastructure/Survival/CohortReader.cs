using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// Reads a cohort from the case read model (case_summary joined to patients) as <see cref="SurvivalCase"/>s,
/// streaming rows so a million cases never sit in Npgsql's buffers. Filters run in PostgreSQL; the group label
/// of each case comes from the stratification.
/// </summary>
public sealed class CohortReader(NpgsqlDataSource dataSource, StratumLabels labels)
{
    /// <summary>
    /// Age at diagnosis: the abstracted ageAtDiagnosis (000-120; 999 is unknown), else completed years between birth
    /// and diagnosis, taking a year off when the birthday (month, then day, when both are known) comes later.
    /// CASE keeps the casts behind their checks. The item is read once (items is TOASTed: every access would
    /// decompress the whole document), and OFFSET 0 keeps the planner from copying the expressions back per use.
    /// </summary>
    internal const string AgeSql = """
        case when i.age_item ~ '^[0-9]{1,3}$'
                  then case when i.age_item::int <= 120 then i.age_item::int end
             when p.birth_year is not null and c.dx_year is not null and c.dx_year >= p.birth_year then
                  c.dx_year - p.birth_year - case
                    when substr(c.date_of_diagnosis, 5, 2) !~ '^(0[1-9]|1[0-2])$' or substr(p.date_of_birth, 5, 2) !~ '^(0[1-9]|1[0-2])$' then 0
                    when substr(c.date_of_diagnosis, 5, 2) < substr(p.date_of_birth, 5, 2) then 1
                    when substr(c.date_of_diagnosis, 5, 2) > substr(p.date_of_birth, 5, 2) then 0
                    when substr(c.date_of_diagnosis, 7, 2) ~ '^(0[1-9]|[12][0-9]|3[01])$'
                     and substr(p.date_of_birth, 7, 2) ~ '^(0[1-9]|[12][0-9]|3[01])$'
                     and substr(c.date_of_diagnosis, 7, 2) < substr(p.date_of_birth, 7, 2) then 1
                    else 0 end
        end
        """;

    /// <summary>The query for a cohort, with its parameters (exposed for tests and the benchmark's EXPLAIN).</summary>
    /// <remarks>
    /// Age costs the most per row (it decompresses each case's items), so it is only read when the cohort filters
    /// or groups by it or <paramref name="withAge"/> asks for it (relative survival); otherwise it is null.
    /// </remarks>
    public static NpgsqlCommand BuildCommand(CohortDefinition cohort, bool withAge = false)
    {
        bool age = withAge || cohort.Ages.Count > 0 || cohort.Stratify == Stratification.AgeGroup;
        var ageJoin = age ? $"""
            cross join lateral (select c.items->>'ageAtDiagnosis' as age_item offset 0) i
            cross join lateral (select {AgeSql} as age offset 0) a
            """ : "cross join lateral (select null::int as age) a";
        var sql = new StringBuilder($"""
            select c.case_id, c.date_of_diagnosis, p.date_of_last_contact, p.vital_status, c.type_of_reporting_source,
                   p.cause_of_death, c.site_recode_2023, c.sequence_number, a.age, p.sex, p.race1, {GroupSql(cohort.Stratify)}
            from case_summary c
            join patients p on p.patient_id = c.patient_id
            {ageJoin}
            where c.status <> 'duplicate'
            """);
        var cmd = new NpgsqlCommand();
        void AnyOf(string column, IReadOnlyList<string> values)
        {
            if (values.Count == 0) return;
            var p = cmd.Parameters.Add(new NpgsqlParameter
            {
                ParameterName = "p" + cmd.Parameters.Count, Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
            sql.Append($"\n  and {column} = any(@{p.ParameterName})");
        }
        AnyOf("c.site_recode_2023", cohort.SiteRecodes);
        AnyOf("c.summary_stage_2018", cohort.Stages);
        AnyOf("p.sex", cohort.Sexes);
        AnyOf("p.race1", cohort.Races);
        AnyOf("c.reporting_facility", cohort.Facilities);
        AnyOf("c.addr_at_dx_state", cohort.States);
        AnyOf("c.county_at_dx", cohort.Counties);
        if (cohort.YearFrom is { } from) { cmd.Parameters.AddWithValue("yfrom", from); sql.Append("\n  and c.dx_year >= @yfrom"); }
        if (cohort.YearTo is { } to) { cmd.Parameters.AddWithValue("yto", to); sql.Append("\n  and c.dx_year <= @yto"); }
        if (cohort.Ages.Count > 0)
        {
            var ranges = cohort.Ages.Select((r, i) =>
            {
                cmd.Parameters.AddWithValue($"afrom{i}", r.From);
                if (r.To is null) return $"a.age >= @afrom{i}";
                cmd.Parameters.AddWithValue($"ato{i}", r.To.Value);
                return $"a.age between @afrom{i} and @ato{i}";
            });
            sql.Append($"\n  and ({string.Join(" or ", ranges)})");
        }
        cmd.CommandText = sql.ToString();
        return cmd;
    }

    /// <summary>Streams the cohort's cases (age only when needed, see <see cref="BuildCommand"/>); the caller decides whether to keep them.</summary>
    public async IAsyncEnumerable<SurvivalCase> ReadAsync(CohortDefinition cohort, bool withAge = false,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = BuildCommand(cohort, withAge);
        cmd.Connection = conn;
        await using var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        // Codes and dates repeat across a million rows: share one string per distinct value.
        var pool = new StringPool();
        while (await r.ReadAsync(ct))
        {
            var id = r.GetGuid(0).ToString();
            var dx = pool.Get(r, 1);
            var lastContact = pool.Get(r, 2);
            var vital = pool.Get(r, 3);
            var source = pool.Get(r, 4);
            var cause = pool.Get(r, 5);
            var recode = pool.Get(r, 6);
            var sequence = pool.Get(r, 7);
            int? age = r.IsDBNull(8) ? null : r.GetInt32(8);
            var sex = pool.Get(r, 9);
            var race = pool.Get(r, 10);
            var groupValue = pool.Get(r, 11);
            yield return new SurvivalCase(id, dx, lastContact, vital, source, cause, recode, sequence, age, sex, race,
                labels.Label(cohort, groupValue, age));
        }
    }

    static string GroupSql(Stratification s) => s switch
    {
        Stratification.Site => "c.site_recode_2023",
        Stratification.Stage => "c.summary_stage_2018",
        Stratification.Sex => "p.sex",
        Stratification.Race => "p.race1",
        Stratification.Year => "c.dx_year::text",
        Stratification.Facility => "c.reporting_facility",
        Stratification.County => "c.addr_at_dx_state || ' ' || c.county_at_dx",
        _ => "null::text", // none, or age group (labelled from the age column)
    };

    sealed class StringPool
    {
        readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

        public string? Get(NpgsqlDataReader r, int column)
        {
            if (r.IsDBNull(column)) return null;
            var s = r.GetString(column);
            if (_seen.TryGetValue(s, out var shared)) return shared;
            if (_seen.Count < 100_000) _seen[s] = s;
            return s;
        }
    }
}
