namespace TumorRegistry.Survival.Estimation;

/// <summary>
/// A Kaplan-Meier survival curve: one row per distinct follow-up time (deaths or censorings), as R's survfit.
/// </summary>
public sealed class SurvivalCurve
{
    /// <summary>Group label ("all" for an ungrouped fit).</summary>
    public required string Group { get; init; }
    /// <summary>Number of subjects.</summary>
    public required int N { get; init; }
    /// <summary>Distinct follow-up times, ascending.</summary>
    public required double[] Time { get; init; }
    /// <summary>Number at risk just before each time.</summary>
    public required int[] AtRisk { get; init; }
    /// <summary>Deaths (events) at each time.</summary>
    public required int[] Events { get; init; }
    /// <summary>Censored at each time.</summary>
    public required int[] Censored { get; init; }
    /// <summary>Survival probability just after each time.</summary>
    public required double[] Survival { get; init; }
    /// <summary>Greenwood standard error of log S (R survfit's std.err): sqrt(Σ d/(n(n−d))).</summary>
    public required double[] StdErrLog { get; init; }
    /// <summary>Transformation of the stored confidence limits.</summary>
    public required ConfidenceType ConfidenceType { get; init; }
    /// <summary>Confidence level of the stored limits (e.g. 0.95).</summary>
    public required double ConfidenceLevel { get; init; }
    /// <summary>Lower confidence limit at each time (NaN where undefined).</summary>
    public required double[] Lower { get; init; }
    /// <summary>Upper confidence limit at each time (NaN where undefined).</summary>
    public required double[] Upper { get; init; }

    /// <summary>Total deaths.</summary>
    public int TotalEvents => Events.Sum();

    /// <summary>Greenwood standard error of S itself: S·se(log S).</summary>
    public double StdErr(int i) => Survival[i] * StdErrLog[i];

    /// <summary>Survival probability at time t (right-continuous step function; 1 before the first time).</summary>
    public double SurvivalAt(double t) => IndexAt(t) is var i && i < 0 ? 1.0 : Survival[i];

    /// <summary>Index of the last time ≤ t, or −1.</summary>
    public int IndexAt(double t)
    {
        int i = Array.BinarySearch(Time, t);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Confidence limits recomputed for another transformation or level.</summary>
    public (double[] Lower, double[] Upper) Band(ConfidenceType type, double level = 0.95)
    {
        double z = ConfidenceLimits.Z(level);
        var lo = new double[Time.Length];
        var hi = new double[Time.Length];
        for (int i = 0; i < Time.Length; i++) (lo[i], hi[i]) = ConfidenceLimits.For(Survival[i], StdErrLog[i], type, z);
        return (lo, hi);
    }

    /// <summary>The time by which a fraction <paramref name="probability"/> have died, with its confidence limits
    /// (R's quantile.survfit). The median is probability 0.5.</summary>
    public QuantileEstimate Quantile(double probability) => SurvivalQuantiles.Estimate(this, probability);

    /// <summary>Median survival time with confidence limits.</summary>
    public QuantileEstimate Median => Quantile(0.5);
}

/// <summary>A survival-time quantile and its confidence limits; NaN means not reached.</summary>
public readonly record struct QuantileEstimate(double Probability, double Time, double Lower, double Upper);
