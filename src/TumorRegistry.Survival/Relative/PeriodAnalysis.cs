namespace TumorRegistry.Survival.Relative;

/// <summary>
/// Period analysis (Brenner &amp; Gefeller 1996, Cancer 78:2004-10): only the follow-up lived inside a calendar window
/// counts. A patient diagnosed before the window enters at the window's start (left truncation), one followed past it
/// leaves, censored, at its end; patients whose follow-up ends before the window or who are diagnosed after it
/// contribute nothing. The estimator is then the usual one with delayed entry (expected survival still runs from diagnosis).
/// </summary>
public static class PeriodAnalysis
{
    /// <summary>The subjects' follow-up restricted to [from, to] (calendar dates, both inclusive).</summary>
    public static IReadOnlyList<RelativeSurvivalSubject> Window(IEnumerable<RelativeSurvivalSubject> subjects, DateOnly from, DateOnly to)
    {
        var kept = new List<RelativeSurvivalSubject>();
        foreach (var s in subjects)
        {
            double entry = Math.Max(0, from.DayNumber - s.DiagnosisDate.DayNumber);
            double windowEnd = to.DayNumber + 1 - s.DiagnosisDate.DayNumber; // the end of the window's last day
            double exit = Math.Min(s.TimeDays, windowEnd);
            if (exit <= entry) continue;
            kept.Add(s with { EntryDays = entry, TimeDays = exit, Dead = s.Dead && s.TimeDays <= windowEnd });
        }
        return kept;
    }
}
