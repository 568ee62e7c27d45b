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
            ConfidenceType type = ConfidenceType.Log, double level = 0.95, (DateOnly From, DateOnly To)? period = null)
    {
        var (groups, excluded, missing) = RelativeSubjects(cases, rules, period);
        var curves = groups.Select(g => RelativeSurvival.Estimate(g.Subjects, table, method, type, level, group: g.Group)).ToList();
        return (curves, excluded, missing);
    }

    /// <summary>
    /// The relative-survival subjects per group (groups in label order), after the survival-time rules; with a period
    /// window, only the follow-up inside it (<see cref="PeriodAnalysis"/>). Cases without age or sex are returned apart.
    /// </summary>
    public static (IReadOnlyList<(string Group, IReadOnlyList<RelativeSurvivalSubject> Subjects)> Groups, IReadOnlyList<ExcludedCase> Excluded,
        IReadOnlyList<SurvivalTime> MissingAgeOrSex) RelativeSubjects(IEnumerable<SurvivalCase> cases, SurvivalTimeRules rules,
            (DateOnly From, DateOnly To)? period = null)
    {
        var cohort = SurvivalTimeCalculator.Derive(cases, rules);
        var missing = cohort.Included.Where(t => (t.Case.AgeAtDiagnosis is null && t.Case.DateOfBirth is null) || string.IsNullOrWhiteSpace(t.Case.Sex)
            || (t.Case.AgeAtDiagnosis is null && ExactAge.Years(t.Case.DateOfBirth, t.DiagnosisDate) is null)).ToList();
        var groups = cohort.Included.Except(missing)
            .GroupBy(t => t.Case.Group ?? "all")
            .OrderBy(g => g.Key, GroupLabelComparer.Instance)
            .Select(g =>
            {
                IReadOnlyList<RelativeSurvivalSubject> subjects = g.Select(ToSubject).ToList();
                if (period is { } p) subjects = PeriodAnalysis.Window(subjects, p.From, p.To);
                return (g.Key, subjects);
            })
            .ToList();
        return (groups, cohort.Excluded, missing);
    }

    /// <summary>
    /// A survival time as a relative-survival subject. Age: exact, from a complete date of birth to the (imputed, if need
    /// be) diagnosis date, as relsurv takes it; otherwise the completed years recorded.
    /// </summary>
    public static RelativeSurvivalSubject ToSubject(SurvivalTime t) =>
        new(t.Days, t.Dead, ExactAge.Years(t.Case.DateOfBirth, t.DiagnosisDate)
                ?? t.Case.AgeAtDiagnosis ?? throw new ArgumentException("a case has no age"),
            t.Case.Sex ?? throw new ArgumentException("a case has no sex"), t.DiagnosisDate, t.Case.Race);

    static double[] Times(IReadOnlyList<SurvivalTime> included, bool months) =>
        included.Select(t => (double)(months ? t.Months : t.Days)).ToArray();

    static IReadOnlyList<string>? Groups(IReadOnlyList<SurvivalTime> included) =>
        included.Any(t => t.Case.Group is not null) ? included.Select(t => t.Case.Group ?? "(none)").ToArray() : null;

    static Dictionary<string, int> Exclusions(SurvivalCohort cohort) =>
        cohort.ExclusionCounts.ToDictionary(p => p.Key.ToString(), p => p.Value);
}
