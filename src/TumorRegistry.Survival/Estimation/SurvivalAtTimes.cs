namespace TumorRegistry.Survival.Estimation;

/// <summary>
/// One row of the table at chosen times, as R's <c>summary(survfit, times=)</c>: at risk at t, events and censorings
/// in (previous time, t], survival, its standard error se(S) = S·se(log S) (Greenwood), and the curve's limits.
/// </summary>
public sealed record SurvivalAtTime(string Group, double Time, int AtRisk, int Events, int Censored, double Survival,
    double StdErr, double Lower, double Upper);

/// <summary>Survival at chosen times of each curve.</summary>
public static class SurvivalAtTimes
{
    /// <summary>
    /// Rows for each requested time (sorted ascending) up to the curve's last follow-up time; later times are left out,
    /// as R does without <c>extend = TRUE</c>. Before the first time S = 1, se 0 and both limits 1.
    /// </summary>
    public static IReadOnlyList<SurvivalAtTime> Table(SurvivalCurve curve, IEnumerable<double> times)
    {
        var rows = new List<SurvivalAtTime>();
        int next = 0; // first curve time after the previous requested time
        foreach (var t in times.Distinct().Order())
        {
            if (curve.Time.Length == 0 || t > curve.Time[^1]) break;
            int events = 0, censored = 0;
            for (; next < curve.Time.Length && curve.Time[next] <= t; next++) { events += curve.Events[next]; censored += curve.Censored[next]; }
            // n.risk at t counts those still followed at t: the risk set of the first curve time >= t.
            int first = next > 0 && curve.Time[next - 1] == t ? next - 1 : next;
            int atRisk = curve.AtRisk[first];
            int i = curve.IndexAt(t);
            rows.Add(i < 0
                ? new SurvivalAtTime(curve.Group, t, atRisk, events, censored, 1, 0, 1, 1)
                : new SurvivalAtTime(curve.Group, t, atRisk, events, censored, curve.Survival[i], curve.StdErr(i), curve.Lower[i], curve.Upper[i]));
        }
        return rows;
    }
}
