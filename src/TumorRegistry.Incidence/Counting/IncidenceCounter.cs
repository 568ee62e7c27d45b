using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Counting;

/// <summary>One consolidated tumor with what incidence tables group by.</summary>
/// <param name="TumorId">Identifies the tumor; a tumor listed twice is counted once.</param>
/// <param name="Tumor">Fields the counting rule reads.</param>
/// <param name="CountyFips">Five-digit county FIPS at diagnosis.</param>
/// <param name="Sex">Sex.</param>
/// <param name="RaceEthnicity">Race/ethnicity label (same vocabulary as the populations).</param>
/// <param name="YearOfDiagnosis">Year of diagnosis.</param>
/// <param name="AgeAtDiagnosis">Age in years at diagnosis.</param>
/// <param name="SiteGroup">Site group (e.g. from the SEER site recode); null when the tumor is in no reported group.</param>
public sealed record IncidenceTumor(string TumorId, TumorRecord Tumor, string CountyFips, Sex Sex, string RaceEthnicity,
    int YearOfDiagnosis, int AgeAtDiagnosis, string? SiteGroup);

/// <summary>
/// In-memory version of the counting query: keeps tumors that <see cref="IncidenceCountingRules.IsCounted"/>,
/// one count per tumor id, grouped into <see cref="CaseCount"/> cells. The database does the same with
/// <see cref="IncidenceCountingRules.SqlPredicate"/> and GROUP BY.
/// </summary>
public static class IncidenceCounter
{
    /// <summary>Counts tumors into cells. Tumors with no site group are left out.</summary>
    public static IReadOnlyList<CaseCount> Count(IEnumerable<IncidenceTumor> tumors, string registryState)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cells = new Dictionary<(string, string, Sex, string, int, int), long>();
        foreach (var t in tumors)
        {
            if (t.SiteGroup is null || !IncidenceCountingRules.IsCounted(t.Tumor, registryState)) continue;
            if (!seen.Add(t.TumorId)) continue;
            var key = (t.CountyFips, t.SiteGroup, t.Sex, t.RaceEthnicity, t.YearOfDiagnosis, SeerAgeGroups.FromAge(t.AgeAtDiagnosis));
            cells[key] = cells.GetValueOrDefault(key) + 1;
        }
        return cells.Select(kv => new CaseCount(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Key.Item4, kv.Key.Item5, kv.Key.Item6, kv.Value))
            .OrderBy(c => c.CountyFips, StringComparer.Ordinal).ThenBy(c => c.SiteGroup, StringComparer.Ordinal).ThenBy(c => c.Year)
            .ThenBy(c => c.Sex).ThenBy(c => c.RaceEthnicity, StringComparer.Ordinal).ThenBy(c => c.AgeGroup).ToList();
    }
}
