namespace TumorRegistry.Survival.Estimation;

/// <summary>
/// Quantiles of survival time as R survival's quantile.survfit computes them: the first time the curve reaches
/// 1 − p; where the curve is flat exactly at 1 − p, the midpoint of that flat stretch. Confidence limits are the same
/// quantile read off the lower and upper confidence curves (Brookmeyer &amp; Crowley 1982).
/// </summary>
public static class SurvivalQuantiles
{
    const double Tolerance = 1.4901161193847656e-08; // sqrt(machine epsilon), R's default

    /// <summary>Quantile p (0.5 = median) of a fitted curve.</summary>
    public static QuantileEstimate Estimate(SurvivalCurve curve, double p) => new(
        p,
        Find(curve.Time, curve.Survival, p),
        Find(curve.Time, curve.Lower, p),
        Find(curve.Time, curve.Upper, p));

    /// <summary>Quantile p of a step curve given at <paramref name="time"/>, starting at (0, 1).</summary>
    internal static double Find(double[] time, double[] surv, double p)
    {
        int m = time.Length + 1;
        // Work on cumulative death probability y = 1 − S, with the start point (0, 0) prepended.
        double maxY = 0;
        for (int i = 0; i < surv.Length; i++) if (!double.IsNaN(surv[i])) maxY = Math.Max(maxY, 1 - surv[i]);
        if (maxY < p) return double.NaN;
        double xmax = time.Length > 0 ? time[^1] : 0;

        // Drop repeated y values (keep the first time each value is reached).
        var xs = new List<double>(m);
        var ys = new List<double>(m);
        var seen = new HashSet<long>();
        for (int i = 0; i < m; i++)
        {
            double x = i == 0 ? 0 : time[i - 1];
            double y = i == 0 ? 0 : 1 - surv[i - 1];
            if (!seen.Add(BitConverter.DoubleToInt64Bits(double.IsNaN(y) ? double.NaN : y))) continue;
            xs.Add(x);
            ys.Add(y);
        }
        int n = ys.Count;
        double i1 = StepIndex(ys, Tolerance, p);
        double i2 = StepIndex(ys, -Tolerance, p);
        double q = double.IsNaN(i1) || double.IsNaN(i2) ? double.NaN : (xs[(int)i1] + xs[(int)i2]) / 2;
        if (p == 0) q = xs[0];
        if (!double.IsNaN(ys[n - 1]) && Math.Abs(p - ys[n - 1]) < Tolerance)
            q = double.IsNaN(i1) ? double.NaN : (xs[(int)i1] + xmax) / 2;
        return q;
    }

    /// <summary>
    /// R's approx(y + shift, index, p, method = "constant", f = 1): the index of the first knot at or above p
    /// (exact knot hits return that knot), NaN outside the knots. Missing y values are skipped.
    /// </summary>
    static double StepIndex(List<double> ys, double shift, double p)
    {
        var keys = new List<(double Key, int Index)>(ys.Count);
        for (int i = 0; i < ys.Count; i++) if (!double.IsNaN(ys[i])) keys.Add((ys[i] + shift, i));
        keys.Sort((a, b) => a.Key.CompareTo(b.Key));
        if (keys.Count == 0 || p < keys[0].Key || p > keys[^1].Key) return double.NaN;
        int lo = 0, hi = keys.Count - 1;
        while (lo < hi - 1)
        {
            int mid = (lo + hi) / 2;
            if (p < keys[mid].Key) hi = mid; else lo = mid;
        }
        if (p == keys[hi].Key) return keys[hi].Index;
        if (p == keys[lo].Key) return keys[lo].Index;
        return keys[hi].Index;
    }
}
