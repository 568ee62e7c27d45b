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
    /// <summary>The query for a cohort, with its parameters (exposed for tests and the benchmark's EXPLAIN).</summary>
    /// <remarks>
    /// Age at diagnosis is the projection's stored column (Derived.AgeForStatistics: the abstracted item 000-120, else
    /// from the dates; null when unknown). It is read only when the cohort filters or groups by it or
    /// <paramref name="withAge"/> asks for it (relative survival); otherwise it is null, as before.
    /// </remarks>
    public static NpgsqlCommand BuildCommand(CohortDefinition cohort, bool withAge = false)
    {
        bool age = withAge || cohort.Ages.Count > 0 || cohort.Stratify == Stratification.AgeGroup;
        var ageColumn = age ? "c.age_at_diagnosis" : "null::int";
        var sql = new StringBuilder($"""
            select c.case_id, c.date_of_diagnosis, p.date_of_last_contact, p.vital_status, c.type_of_reporting_source,
                   p.cause_of_death, c.site_recode_2023, c.sequence_number, {ageColumn}, p.sex, p.race1,
                   {GroupSql(cohort.Stratify)}, {(withAge ? "p.date_of_birth" : "null::text")}
            from case_summary c
            join patients p on p.patient_id = c.patient_id
            where c.status <> 'duplicate'
            """);
        var cmd = new NpgsqlCommand();
        AppendPredicate(sql, cmd, cohort);
        cmd.CommandText = sql.ToString();
        return cmd;
    }

    /// <summary>
    /// The cohort's filters as SQL conditions on <c>case_summary c</c> joined to <c>patients p</c> (appended to a where
    /// clause, parameters added to <paramref name="cmd"/>); shared by survival, saved cohorts, incidence and export.
    /// </summary>
    public static void AppendPredicate(StringBuilder sql, NpgsqlCommand cmd, CohortDefinition cohort)
    {
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
                if (r.To is null) return $"c.age_at_diagnosis >= @afrom{i}";
                cmd.Parameters.AddWithValue($"ato{i}", r.To.Value);
                return $"c.age_at_diagnosis between @afrom{i} and @ato{i}";
            });
            sql.Append($"\n  and ({string.Join(" or ", ranges)})");
        }
        AnyOf("c.behavior", cohort.Behaviors);
        AnyOf("p.vital_status", cohort.VitalStatuses);
        if (cohort.Histologies.Count > 0)
        {
            var ranges = cohort.Histologies.Select((h, i) =>
            {
                var parts = h.Split('-', 2, StringSplitOptions.TrimEntries);
                cmd.Parameters.AddWithValue($"hfrom{i}", parts[0]);
                cmd.Parameters.AddWithValue($"hto{i}", parts[^1]);
                return $"c.histology between @hfrom{i} and @hto{i}";
            });
            sql.Append($"\n  and ({string.Join(" or ", ranges)})");
        }
    }

    /// <summary>Streams the cohort's cases (age only when needed, see <see cref="BuildCommand"/>); the caller decides whether to keep them.</summary>
    public async IAsyncEnumerable<SurvivalCase> ReadAsync(CohortDefinition cohort, bool withAge = false,
        [EnumeratorCancellation] CancellationToken ct = default, Reports.SnapshotScope? scope = null)
    {
        await using var own = scope is null ? await dataSource.OpenConnectionAsync(ct) : null;
        await using var cmd = BuildCommand(cohort, withAge);
        if (scope is not null) scope.Command(cmd); else cmd.Connection = own;
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
            var birth = r.IsDBNull(12) ? null : r.GetString(12);
            yield return new SurvivalCase(id, dx, lastContact, vital, source, cause, recode, sequence, age, sex, race,
                labels.Label(cohort, groupValue, age), birth);
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
