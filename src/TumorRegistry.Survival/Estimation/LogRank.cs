using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace TumorRegistry.Survival.Estimation;

/// <summary>Observed and expected deaths for one group in a log-rank test.</summary>
public sealed record LogRankGroup(string Group, int N, double Observed, double Expected);

/// <summary>Result of a k-sample log-rank test (R survdiff with rho = 0).</summary>
/// <param name="ChiSquare">Test statistic (O−E)ᵀV⁻¹(O−E) over k−1 groups.</param>
/// <param name="DegreesOfFreedom">Number of groups with expected deaths, minus one.</param>
/// <param name="PValue">Upper tail of the chi-square distribution.</param>
/// <param name="Groups">Observed and expected deaths per group (summed over strata).</param>
/// <param name="Stratified">True when computed within strata and summed (survdiff with strata()).</param>
public sealed record LogRankTest(double ChiSquare, int DegreesOfFreedom, double PValue, IReadOnlyList<LogRankGroup> Groups, bool Stratified);

/// <summary>The log-rank test of equal survival across groups (Mantel 1966; Peto &amp; Peto 1972), optionally stratified.</summary>
public static class LogRank
{
    /// <summary>Compares survival between groups; with <paramref name="strata"/>, O, E and V are summed over strata.</summary>
    public static LogRankTest Test(ReadOnlySpan<double> time, ReadOnlySpan<bool> dead, IReadOnlyList<string> group,
        IReadOnlyList<string>? strata = null)
    {
        var (g, labels) = GroupIndex.Build(group);
        int k = labels.Length;
        var (s, strataLabels) = strata is null ? (new int[g.Length], ["all"]) : GroupIndex.Build(strata);
        var observed = new double[k];
        var expected = new double[k];
        var variance = new double[k, k];
        var counts = new int[k];
        foreach (var gi in g) counts[gi]++;

        // Sort once by (stratum, time); deaths and censorings at a tie leave the risk set together.
        var keyT = time.ToArray();
        var order = SortByStratumThenTime(keyT, s, strataLabels.Length);
        var atRisk = new double[k];
        var deathsG = new double[k];
        for (int start = 0; start < order.Length;)
        {
            int stratum = s[order[start]];
            int end = start;
            Array.Clear(atRisk);
            while (end < order.Length && s[order[end]] == stratum) atRisk[g[order[end++]]]++;
            double n = end - start;
            for (int i = start; i < end;)
            {
                double ti = keyT[order[i]];
                int j = i;
                double d = 0;
                Array.Clear(deathsG);
                for (; j < end && keyT[order[j]] == ti; j++)
                    if (dead[order[j]]) { deathsG[g[order[j]]]++; d++; }
                if (d > 0)
                {
                    double factor = n > 1 ? d * (n - d) / (n - 1) : 0;
                    for (int a = 0; a < k; a++)
                    {
                        observed[a] += deathsG[a];
                        expected[a] += d * atRisk[a] / n;
                        if (factor == 0) continue;
                        double pa = atRisk[a] / n;
                        for (int b = 0; b < k; b++) variance[a, b] += factor * pa * ((a == b ? 1 : 0) - atRisk[b] / n);
                    }
                }
                for (int m = i; m < j; m++) atRisk[g[order[m]]]--;
                n -= j - i;
                i = j;
            }
            start = end;
        }
        var (chi, df) = ChiSquare(observed, expected, variance);
        double p = df > 0 ? SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2.0) : 1.0;
        var groups = labels.Select((l, a) => new LogRankGroup(l, counts[a], observed[a], expected[a])).ToArray();
        return new LogRankTest(chi, df, p, groups, strata is not null);
    }

    /// <summary>Indices ordered by time (primitive sort), then stably bucketed by stratum.</summary>
    static int[] SortByStratumThenTime(double[] time, int[] stratum, int strataCount)
    {
        var sortedTime = (double[])time.Clone();
        var byTime = new int[time.Length];
        for (int i = 0; i < byTime.Length; i++) byTime[i] = i;
        Array.Sort(sortedTime, byTime);
        if (strataCount == 1) return byTime;
        var start = new int[strataCount + 1];
        foreach (var st in stratum) start[st + 1]++;
        for (int k = 0; k < strataCount; k++) start[k + 1] += start[k];
        var order = new int[time.Length];
        foreach (var i in byTime) order[start[stratum[i]]++] = i;
        return order;
    }

    /// <summary>Quadratic form over groups with expected deaths, dropping the first of them (as survdiff).</summary>
    static (double Chi, int Df) ChiSquare(double[] o, double[] e, double[,] v)
    {
        var keep = Enumerable.Range(0, o.Length).Where(a => e[a] > 0).ToArray();
        if (keep.Length < 2) return (0, 0);
        var idx = keep.Skip(1).ToArray();
        var diff = Vector<double>.Build.Dense(idx.Length, i => o[idx[i]] - e[idx[i]]);
        var vm = Matrix<double>.Build.Dense(idx.Length, idx.Length, (i, j) => v[idx[i], idx[j]]);
        var solved = vm.Solve(diff);
        return (solved.DotProduct(diff), keep.Length - 1);
    }
}
