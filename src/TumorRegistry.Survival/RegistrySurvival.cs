using TumorRegistry.Survival.CauseSpecific;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Reporting;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Survival;

/// <summary>Settings shared by the registry-level survival analyses.</summary>
public sealed record SurvivalAnalysisOptions
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "Survival";
    /// <summary>Use SEER survival months (true) or days (false) as the time scale.</summary>
    public bool InMonths { get; init; } = true;
    /// <summary>Confidence interval transformation.</summary>
    public ConfidenceType ConfidenceType { get; init; } = ConfidenceType.Log;
    /// <summary>Confidence level.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// Registry entry points: from <see cref="SurvivalCase"/> records to reports, applying the SEER survival-time rules
/// first. Groups come from <see cref="SurvivalCase.Group"/> (all cases in one group when it is null); every excluded
/// case appears in the report's exclusion counts.
/// </summary>
public static class RegistrySurvival
{
    /// <summary>Observed (all-cause) survival: Kaplan-Meier per group and the log-rank test.</summary>
    public static SurvivalReport Observed(IEnumerable<SurvivalCase> cases, SurvivalTimeRules rules, SurvivalAnalysisOptions? options = null)
    {
        var o = options ?? new SurvivalAnalysisOptions();
        var cohort = SurvivalTimeCalculator.Derive(cases, rules);
        var included = cohort.Included;
        return SurvivalReport.FromData(o.Title, Times(included, o.InMonths), included.Select(t => t.Dead).ToArray(),
            Groups(included), o.InMonths ? "months" : "days", o.ConfidenceType, o.ConfidenceLevel, Exclusions(cohort));
    }

    /// <summary>Cause-specific survival (SEER classification): deaths from other causes censored; unknown causes excluded.</summary>
    public static SurvivalReport CauseSpecific(IEnumerable<SurvivalCase> cases, SurvivalTimeRules rules,
        CauseSpecificDeathClassification classification, SurvivalAnalysisOptions? options = null)
    {
        var o = options ?? new SurvivalAnalysisOptions();
        var cohort = SurvivalTimeCalculator.Derive(cases, rules);
        var exclusions = Exclusions(cohort);
        var kept = new List<SurvivalTime>();
        var dead = new List<bool>();
        int unknown = 0;
        foreach (var t in cohort.Included)
        {
            var status = classification.Classify(t.Dead, t.Case.SiteRecode, t.Case.SequenceNumber, t.Case.CauseOfDeath);
            if (status == CauseSpecificStatus.Unknown) { unknown++; continue; }
            kept.Add(t);
            dead.Add(status == CauseSpecificStatus.DeadOfThisCancer);
        }
        if (unknown > 0) exclusions["Dead, cause of death unknown"] = unknown;
        return SurvivalReport.FromData(o.Title, Times(kept, o.InMonths), dead.ToArray(), Groups(kept),
            o.InMonths ? "months" : "days", o.ConfidenceType, o.ConfidenceLevel, exclusions);
    }

    /// <summary>
    /// Relative (Ederer II) or net (Pohar Perme) survival per group, on the day scale. Cases without age or sex are
    /// returned in <c>MissingAgeOrSex</c>; exclusions from the survival-time rules in <c>Excluded</c>.
    /// </summary>
    public static (IReadOnlyList<RelativeSurvivalCurve> Curves, IReadOnlyList<ExcludedCase> Excluded, IReadOnlyList<SurvivalTime> MissingAgeOrSex)
        Relative(IEnumerable<SurvivalCase> cases, SurvivalTimeRules rules, PopulationLifeTable table, NetSurvivalMethod method,
            ConfidenceType type = ConfidenceType.Log, double level = 0.95)
    {
        var cohort = SurvivalTimeCalculator.Derive(cases, rules);
        var missing = cohort.Included.Where(t => t.Case.AgeAtDiagnosis is null || string.IsNullOrWhiteSpace(t.Case.Sex)).ToList();
        var curves = cohort.Included.Except(missing)
            .GroupBy(t => t.Case.Group ?? "all")
            .OrderBy(g => g.Key, GroupLabelComparer.Instance)
            .Select(g => RelativeSurvival.Estimate(g.Select(ToSubject).ToList(), table, method, type, level, group: g.Key))
            .ToList();
        return (curves, cohort.Excluded, missing);
    }

    /// <summary>A survival time as a relative-survival subject (age in completed years as recorded).</summary>
    public static RelativeSurvivalSubject ToSubject(SurvivalTime t) =>
        new(t.Days, t.Dead, t.Case.AgeAtDiagnosis ?? throw new ArgumentException($"case {t.Case.Id} has no age"),
            t.Case.Sex ?? throw new ArgumentException($"case {t.Case.Id} has no sex"), t.DiagnosisDate, t.Case.Race);

    static double[] Times(IReadOnlyList<SurvivalTime> included, bool months) =>
        included.Select(t => (double)(months ? t.Months : t.Days)).ToArray();

    static IReadOnlyList<string>? Groups(IReadOnlyList<SurvivalTime> included) =>
        included.Any(t => t.Case.Group is not null) ? included.Select(t => t.Case.Group ?? "(none)").ToArray() : null;

    static Dictionary<string, int> Exclusions(SurvivalCohort cohort) =>
        cohort.ExclusionCounts.ToDictionary(p => p.Key.ToString(), p => p.Value);
}
