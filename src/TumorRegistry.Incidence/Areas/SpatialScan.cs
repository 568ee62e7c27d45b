namespace TumorRegistry.Incidence.Areas;

/// <summary>One area for the scan: its centroid (planar, e.g. Albers map units), observed and expected counts.</summary>
public sealed record ScanLocation(string Id, string Name, double X, double Y, long Observed, double Expected);

/// <summary>Settings of the scan (defaults as SaTScan: 999 replications, windows up to half the expected cases).</summary>
public sealed record ScanOptions
{
    /// <summary>Monte Carlo replications under the null.</summary>
    public int Replications { get; init; } = 999;
    /// <summary>Seed of the replications; the same seed and data give the same p-values.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Largest window, as a fraction of all expected cases.</summary>
    public double MaxExpectedFraction { get; init; } = 0.5;
    /// <summary>Most clusters reported (the most likely one and non-overlapping secondaries).</summary>
    public int MaxClusters { get; init; } = 10;
}

/// <summary>A circular window: the areas whose centroids lie within Radius of the centre's.</summary>
public sealed record ScanCluster(string CentreId, double Radius, IReadOnlyList<string> AreaIds, long Observed, double Expected,
    double RelativeRisk, double LogLikelihoodRatio, double PValue);

/// <summary>The clusters in decreasing likelihood ratio; the first is the most likely cluster.</summary>
public sealed record ScanResult(IReadOnlyList<ScanCluster> Clusters, int Replications, long TotalObserved);

/// <summary>
/// Kulldorff's circular spatial scan statistic, Poisson model, high rates (Kulldorff 1997, Commun Stat Theory Methods
/// 26:1481-96). Expected counts are rescaled to the observed total C (the test conditions on it). For window z with c
/// cases and expectation μ, LLR = c ln(c/μ) + (C-c) ln((C-c)/(C-μ)) when c &gt; μ, else 0. The p-value of a cluster is the
/// rank of its LLR among the maximum LLRs of replications that spread C cases multinomially over the areas in
/// proportion to μ: (1 + #{max ≥ LLR}) / (R + 1). Secondary clusters share no area with a better one (SaTScan's
/// "no geographical overlap") and are compared with the same maxima, as SaTScan does.
/// </summary>
public static class SpatialScan
{
    /// <summary>Runs the scan; pure apart from the seeded generator it creates.</summary>
    public static ScanResult Run(IReadOnlyList<ScanLocation> locations, ScanOptions? options = null)
    {
        options ??= new ScanOptions();
        int n = locations.Count;
        long total = locations.Sum(l => l.Observed);
        double sumExpected = locations.Sum(l => l.Expected);
        if (n == 0 || total == 0 || !(sumExpected > 0)) return new ScanResult([], options.Replications, total);
        var mu = locations.Select(l => l.Expected * total / sumExpected).ToArray();
        var windows = Windows(locations, mu, options.MaxExpectedFraction * total, total);
        var xLogX = new double[total + 1];
        for (long c = 1; c <= total; c++) xLogX[c] = c * Math.Log(c);

        var observed = locations.Select(l => l.Observed).ToArray();
        var maxima = new double[options.Replications];
        var random = new Random(options.Seed);
        var sampler = new AliasSampler(mu);
        var simulated = new long[n];
        for (int r = 0; r < maxima.Length; r++)
        {
            Array.Clear(simulated);
            for (long k = 0; k < total; k++) simulated[sampler.Next(random)]++;
            maxima[r] = Scan(windows, simulated, xLogX, total, null);
        }
        Array.Sort(maxima);

        var scored = new List<(double Llr, int Centre, int Size)>();
        Scan(windows, observed, xLogX, total, scored);
        var taken = new bool[n];
        var clusters = new List<ScanCluster>();
        foreach (var (llr, centre, size) in scored.OrderByDescending(s => s.Llr).ThenBy(s => s.Centre).ThenBy(s => s.Size))
        {
            if (clusters.Count >= options.MaxClusters) break;
            var members = windows[centre].Order[..size];
            if (members.Any(m => taken[m])) continue;
            foreach (var m in members) taken[m] = true;
            long c = members.Sum(m => observed[m]);
            double e = members.Sum(m => mu[m]);
            int atLeast = maxima.Length - LowerBound(maxima, llr);
            clusters.Add(new ScanCluster(locations[centre].Id, windows[centre].Distance[size - 1], [.. members.Select(m => locations[m].Id)],
                c, e, c / e / ((total - c) / (total - e)), llr, (1.0 + atLeast) / (maxima.Length + 1)));
        }
        return new ScanResult(clusters, options.Replications, total);
    }

    // Per window size: its expectation and the logs the LLR needs, fixed across replications.
    sealed record Window(int[] Order, double[] Distance, int[] Sizes, double[] Expected, double[] LogExpected, double[] LogRest);

    // Per centre: areas by distance, and the window sizes to evaluate (whole distance ties, within the size cap).
    static Window[] Windows(IReadOnlyList<ScanLocation> l, double[] mu, double maxExpected, long total)
    {
        int n = l.Count;
        var result = new Window[n];
        for (int i = 0; i < n; i++)
        {
            var d = Enumerable.Range(0, n).Select(j => Math.Sqrt(Math.Pow(l[j].X - l[i].X, 2) + Math.Pow(l[j].Y - l[i].Y, 2))).ToArray();
            var order = Enumerable.Range(0, n).OrderBy(j => d[j]).ThenBy(j => j != i).ThenBy(j => j).ToArray();
            var sizes = new List<int>();
            var expected = new List<double>();
            double cumulative = 0;
            for (int k = 0; k < n; k++)
            {
                cumulative += mu[order[k]];
                if (cumulative > maxExpected) break;
                if (k == n - 1 || d[order[k + 1]] > d[order[k]]) { sizes.Add(k + 1); expected.Add(cumulative); }
            }
            result[i] = new Window(order, [.. order.Select(j => d[j])], [.. sizes], [.. expected],
                [.. expected.Select(e => Math.Log(e))], [.. expected.Select(e => Math.Log(total - e))]);
        }
        return result;
    }

    // LLR = c ln c - c ln μ + (C-c) ln(C-c) - (C-c) ln(C-μ), with x ln x tabulated: no logarithm per window.
    static double Scan(Window[] windows, long[] counts, double[] xLogX, long total, List<(double, int, int)>? scored)
    {
        double best = 0;
        for (int i = 0; i < windows.Length; i++)
        {
            var w = windows[i];
            long c = 0;
            int k = 0;
            for (int s = 0; s < w.Sizes.Length; s++)
            {
                for (; k < w.Sizes[s]; k++) c += counts[w.Order[k]];
                if (c <= w.Expected[s]) continue;
                long rest = total - c;
                double llr = xLogX[c] - c * w.LogExpected[s] + (rest > 0 ? xLogX[rest] - rest * w.LogRest[s] : 0);
                if (llr > best) best = llr;
                scored?.Add((llr, i, w.Sizes[s]));
            }
        }
        return best;
    }

    // First index whose value is >= x (maxima sorted ascending); a relative 1e-12 margin treats equal LLRs as ties.
    static int LowerBound(double[] sorted, double x)
    {
        double threshold = x * (1 - 1e-12);
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sorted[mid] < threshold) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
