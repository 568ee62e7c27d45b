namespace TumorRegistry.Survival.Estimation;

/// <summary>Probability of surviving x more time units among those who have already survived y, with confidence limits.</summary>
public readonly record struct ConditionalEstimate(double Survived, double Additional, double Survival, double Lower, double Upper, int AtRiskAtStart);

/// <summary>
/// Conditional survival S(y + x | y) = S(y + x) / S(y). Estimated as the Kaplan-Meier curve of the patients still
/// under follow-up after y, so the Greenwood variance only sums terms after y (identical to R's
/// survfit(Surv(time − y, status) ~ 1, subset = time &gt; y)).
/// </summary>
public static class ConditionalSurvival
{
    /// <summary>Curve of survival given survival beyond <paramref name="survived"/>; times are on the original scale.</summary>
    public static SurvivalCurve Fit(ReadOnlySpan<double> time, ReadOnlySpan<bool> dead, double survived,
        ConfidenceType type = ConfidenceType.Log, double level = 0.95, string group = "all")
    {
        var t = new List<double>();
        var d = new List<bool>();
        for (int i = 0; i < time.Length; i++)
            if (time[i] > survived) { t.Add(time[i] - survived); d.Add(dead[i]); }
        var ta = t.ToArray();
        var da = d.ToArray();
        Array.Sort(ta, da);
        var curve = KaplanMeier.FitSorted(ta, da, group, type, level);
        for (int i = 0; i < curve.Time.Length; i++) curve.Time[i] += survived;
        return curve;
    }

    /// <summary>S(y + x | y) with its confidence limits.</summary>
    public static ConditionalEstimate Estimate(ReadOnlySpan<double> time, ReadOnlySpan<bool> dead, double survived,
        double additional, ConfidenceType type = ConfidenceType.Log, double level = 0.95)
    {
        var curve = Fit(time, dead, survived, type, level);
        int i = curve.IndexAt(survived + additional);
        int n = curve.N;
        return i < 0
            ? new ConditionalEstimate(survived, additional, 1, 1, 1, n)
            : new ConditionalEstimate(survived, additional, curve.Survival[i], curve.Lower[i], curve.Upper[i], n);
    }
}
