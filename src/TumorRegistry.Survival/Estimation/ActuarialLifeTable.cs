namespace TumorRegistry.Survival.Estimation;

/// <summary>One interval of an actuarial life table.</summary>
/// <param name="Start">Interval start (inclusive), in the time unit of the input (SEER*Stat: months).</param>
/// <param name="End">Interval end (exclusive).</param>
/// <param name="Entering">Alive and under follow-up at the start of the interval.</param>
/// <param name="Deaths">Deaths in the interval.</param>
/// <param name="Withdrawn">Censored (lost or alive at end of study) in the interval.</param>
/// <param name="EffectiveAtRisk">Entering − Withdrawn/2: withdrawals are assumed at risk for half the interval.</param>
/// <param name="IntervalSurvival">1 − Deaths / EffectiveAtRisk.</param>
/// <param name="CumulativeSurvival">Product of interval survivals up to the end of this interval.</param>
/// <param name="StdErr">Greenwood standard error of the cumulative survival.</param>
/// <param name="Lower">Lower confidence limit of the cumulative survival.</param>
/// <param name="Upper">Upper confidence limit of the cumulative survival.</param>
public sealed record LifeTableInterval(double Start, double End, int Entering, int Deaths, int Withdrawn,
    double EffectiveAtRisk, double IntervalSurvival, double CumulativeSurvival, double StdErr, double Lower, double Upper);

/// <summary>
/// Actuarial (Cutler-Ederer) life table as SEER*Stat computes observed survival: fixed intervals (e.g. 1 or 12 months),
/// withdrawals count half at risk, Greenwood standard errors.
/// </summary>
public static class ActuarialLifeTable
{
    /// <summary>Builds the table. Times are usually SEER survival months; width 12 gives yearly intervals.</summary>
    public static IReadOnlyList<LifeTableInterval> Build(ReadOnlySpan<double> time, ReadOnlySpan<bool> dead,
        double width, int? intervals = null, ConfidenceType type = ConfidenceType.LogLog, double level = 0.95)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width));
        int count = intervals ?? (time.Length == 0 ? 0 : (int)Math.Floor(MaxOf(time) / width) + 1);
        var deaths = new int[count];
        var withdrawn = new int[count];
        for (int i = 0; i < time.Length; i++)
        {
            int k = (int)Math.Floor(time[i] / width);
            if (k >= count) continue; // beyond the last interval shown: still counted as entering earlier intervals
            if (dead[i]) deaths[k]++; else withdrawn[k]++;
        }
        var rows = new List<LifeTableInterval>(count);
        double z = ConfidenceLimits.Z(level);
        int entering = time.Length;
        double s = 1, greenwood = 0;
        for (int k = 0; k < count && entering > 0; k++)
        {
            double effective = entering - withdrawn[k] / 2.0;
            double q = deaths[k] / effective;
            s *= 1 - q;
            greenwood += deaths[k] >= effective ? double.PositiveInfinity : deaths[k] / (effective * (effective - deaths[k]));
            double seLog = Math.Sqrt(greenwood);
            var (lo, hi) = ConfidenceLimits.For(s, seLog, type, z);
            rows.Add(new LifeTableInterval(k * width, (k + 1) * width, entering, deaths[k], withdrawn[k], effective, 1 - q, s, s * seLog, lo, hi));
            entering -= deaths[k] + withdrawn[k];
        }
        return rows;
    }

    static double MaxOf(ReadOnlySpan<double> x)
    {
        double m = double.NegativeInfinity;
        foreach (var v in x) m = Math.Max(m, v);
        return m;
    }
}
