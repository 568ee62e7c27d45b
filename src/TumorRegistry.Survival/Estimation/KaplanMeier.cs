namespace TumorRegistry.Survival.Estimation;

/// <summary>Kaplan-Meier product-limit estimator with Greenwood variance (Kaplan &amp; Meier 1958; Greenwood 1926).</summary>
public static class KaplanMeier
{
    /// <summary>Fits one curve. <paramref name="dead"/>[i] true is a death at <paramref name="time"/>[i], false a censoring.</summary>
    public static SurvivalCurve Fit(ReadOnlySpan<double> time, ReadOnlySpan<bool> dead, string group = "all",
        ConfidenceType confidenceType = ConfidenceType.Log, double confidenceLevel = 0.95)
    {
        if (time.Length != dead.Length) throw new ArgumentException("time and dead differ in length");
        var t = time.ToArray();
        var d = dead.ToArray();
        Array.Sort(t, d);
        return FitSorted(t, d, group, confidenceType, confidenceLevel);
    }

    /// <summary>Fits one curve per group; groups are returned in ordinal order of their labels.</summary>
    public static IReadOnlyList<SurvivalCurve> FitByGroup(ReadOnlySpan<double> time, ReadOnlySpan<bool> dead,
        IReadOnlyList<string> group, ConfidenceType confidenceType = ConfidenceType.Log, double confidenceLevel = 0.95)
    {
        var (index, labels) = GroupIndex.Build(group);
        var counts = new int[labels.Length];
        foreach (var g in index) counts[g]++;
        var times = labels.Select((_, k) => new double[counts[k]]).ToArray();
        var deaths = labels.Select((_, k) => new bool[counts[k]]).ToArray();
        var fill = new int[labels.Length];
        for (int i = 0; i < index.Length; i++)
        {
            int g = index[i];
            times[g][fill[g]] = time[i];
            deaths[g][fill[g]++] = dead[i];
        }
        var curves = new SurvivalCurve[labels.Length];
        for (int k = 0; k < labels.Length; k++)
        {
            Array.Sort(times[k], deaths[k]);
            curves[k] = FitSorted(times[k], deaths[k], labels[k], confidenceType, confidenceLevel);
        }
        return curves;
    }

    /// <summary>Fits a curve from data already sorted by time (no copy).</summary>
    internal static SurvivalCurve FitSorted(double[] t, bool[] dead, string group, ConfidenceType type, double level)
    {
        int n = t.Length;
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || t[i] != t[i - 1]) distinct++;
        var time = new double[distinct];
        var atRisk = new int[distinct];
        var events = new int[distinct];
        var censored = new int[distinct];
        var surv = new double[distinct];
        var se = new double[distinct];
        var lower = new double[distinct];
        var upper = new double[distinct];
        double z = ConfidenceLimits.Z(level);
        double s = 1, greenwood = 0;
        int remaining = n, j = 0;
        for (int i = 0; i < n;)
        {
            double ti = t[i];
            int deaths = 0, count = 0;
            for (; i < n && t[i] == ti; i++, count++) if (dead[i]) deaths++;
            time[j] = ti;
            atRisk[j] = remaining;
            events[j] = deaths;
            censored[j] = count - deaths;
            if (deaths > 0)
            {
                s *= 1 - (double)deaths / remaining;
                // Greenwood term d/(n(n-d)); infinite once everybody at risk has died, as in R.
                greenwood += deaths == remaining ? double.PositiveInfinity : deaths / ((double)remaining * (remaining - deaths));
            }
            surv[j] = s;
            se[j] = Math.Sqrt(greenwood);
            (lower[j], upper[j]) = ConfidenceLimits.For(s, se[j], type, z);
            remaining -= count;
            j++;
        }
        return new SurvivalCurve
        {
            Group = group, N = n, Time = time, AtRisk = atRisk, Events = events, Censored = censored,
            Survival = surv, StdErrLog = se, ConfidenceType = type, ConfidenceLevel = level, Lower = lower, Upper = upper,
        };
    }
}

/// <summary>Maps group labels to 0-based indices in ordinal label order.</summary>
internal static class GroupIndex
{
    public static (int[] Index, string[] Labels) Build(IReadOnlyList<string> group)
    {
        var labels = group.Distinct().OrderBy(g => g, GroupLabelComparer.Instance).ToArray();
        var map = new Dictionary<string, int>();
        for (int k = 0; k < labels.Length; k++) map[labels[k]] = k;
        var index = new int[group.Count];
        for (int i = 0; i < index.Length; i++) index[i] = map[group[i]];
        return (index, labels);
    }
}

/// <summary>Orders group labels numerically when both are numbers, otherwise ordinally (as R orders factor levels).</summary>
public sealed class GroupLabelComparer : IComparer<string>
{
    /// <summary>Shared instance.</summary>
    public static readonly GroupLabelComparer Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (double.TryParse(x, System.Globalization.CultureInfo.InvariantCulture, out var a) &&
            double.TryParse(y, System.Globalization.CultureInfo.InvariantCulture, out var b)) return a.CompareTo(b);
        return string.CompareOrdinal(x, y);
    }
}
