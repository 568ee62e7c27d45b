using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Reporting;

/// <summary>
/// Everything a survival report shows: one Kaplan-Meier curve per group, their quantiles, the log-rank test across
/// groups and the counts of excluded cases. Rendered by <see cref="SurvivalJson"/>, <see cref="SurvivalCsv"/>,
/// <see cref="SurvivalPlot"/> and <see cref="HtmlReport"/>.
/// </summary>
public sealed record SurvivalReport
{
    /// <summary>Report title.</summary>
    public required string Title { get; init; }
    /// <summary>Unit of the time axis, e.g. "days" or "months".</summary>
    public string TimeUnit { get; init; } = "days";
    /// <summary>One curve per group.</summary>
    public required IReadOnlyList<SurvivalCurve> Curves { get; init; }
    /// <summary>Log-rank test across the groups (null for a single group).</summary>
    public LogRankTest? LogRank { get; init; }
    /// <summary>Cases left out, by reason (label → count); never silently dropped.</summary>
    public IReadOnlyDictionary<string, int> Exclusions { get; init; } = new Dictionary<string, int>();
    /// <summary>Probabilities of death reported as quantiles (0.5 is the median).</summary>
    public IReadOnlyList<double> QuantileProbabilities { get; init; } = [0.25, 0.5, 0.75];

    /// <summary>Builds a report from curves, adding the log-rank test when the data have more than one group.</summary>
    public static SurvivalReport FromData(string title, ReadOnlySpan<double> time, ReadOnlySpan<bool> dead,
        IReadOnlyList<string>? group, string timeUnit = "days", ConfidenceType type = ConfidenceType.Log, double level = 0.95,
        IReadOnlyDictionary<string, int>? exclusions = null)
    {
        var curves = group is null ? [KaplanMeier.Fit(time, dead, "all", type, level)] : KaplanMeier.FitByGroup(time, dead, group, type, level);
        var test = curves.Count > 1 && group is not null ? Estimation.LogRank.Test(time, dead, group) : null;
        return new SurvivalReport
        {
            Title = title, TimeUnit = timeUnit, Curves = curves, LogRank = test,
            Exclusions = exclusions ?? new Dictionary<string, int>(),
        };
    }
}
