namespace TumorRegistry.Linkage;

/// <summary>
/// Pattern counts of the compared pairs: unlabelled pairs, and pairs a registrar confirmed or rejected.
/// Dense arrays indexed by agreement pattern (<see cref="Fields.PatternCount"/> long).
/// </summary>
public sealed class PatternCounts
{
    public long[] Unlabelled { get; } = new long[Fields.PatternCount];
    public long[] Confirmed { get; } = new long[Fields.PatternCount];
    public long[] Rejected { get; } = new long[Fields.PatternCount];

    public long Pairs => Unlabelled.Sum();
}

/// <summary>
/// EM for m, u and p under conditional independence of the fields (Winkler 1988, Jaro 1989), run on the distinct
/// agreement patterns of the blocked pairs with their counts, so a million pairs cost as much as a few thousand
/// patterns. Registrar decisions enter as labelled pairs: a confirmed pair counts as a match with certainty and a
/// rejected one as a non-match, in every iteration, so each decision moves the next estimate.
/// </summary>
public static class EmEstimator
{
    public static LinkageModel Estimate(PatternCounts counts, LinkageModel? start = null, int maxIterations = 500, double tolerance = 1e-7)
    {
        var patterns = new List<int>();
        for (var p = 0; p < Fields.PatternCount; p++)
            if (counts.Unlabelled[p] + counts.Confirmed[p] + counts.Rejected[p] > 0) patterns.Add(p);
        var levels = patterns.Select(p => Enumerable.Range(0, Fields.Count).Select(f => (byte)Fields.Level(p, f)).ToArray()).ToArray();
        var model = start ?? LinkageModel.Start(counts.Unlabelled);
        double[][] m = model.M.Select(r => (double[])r.Clone()).ToArray(), u = model.U.Select(r => (double[])r.Clone()).ToArray();
        var prior = model.P;
        var converged = false;
        var iteration = 0;
        var g = new double[patterns.Count];
        while (iteration < maxIterations && !converged)
        {
            iteration++;
            // E step: probability that a pair with this pattern is a match.
            for (var k = 0; k < patterns.Count; k++)
            {
                double pm = prior, pu = 1 - prior;
                for (var f = 0; f < Fields.Count; f++) { pm *= m[f][levels[k][f]]; pu *= u[f][levels[k][f]]; }
                g[k] = pm / (pm + pu);
            }
            // M step: labelled pairs with their known class, unlabelled ones weighted by g.
            var newM = Fields.Levels.Select(n => new double[n]).ToArray();
            var newU = Fields.Levels.Select(n => new double[n]).ToArray();
            double matches = 0, total = 0;
            for (var k = 0; k < patterns.Count; k++)
            {
                var p = patterns[k];
                double n = counts.Unlabelled[p], asMatch = n * g[k] + counts.Confirmed[p], asNon = n * (1 - g[k]) + counts.Rejected[p];
                matches += asMatch;
                total += asMatch + asNon;
                for (var f = 0; f < Fields.Count; f++) { newM[f][levels[k][f]] += asMatch; newU[f][levels[k][f]] += asNon; }
            }
            foreach (var row in newM) LinkageModel.Normalize(row);
            foreach (var row in newU) LinkageModel.Normalize(row);
            var newPrior = Math.Clamp(matches / Math.Max(total, 1), 1e-9, 1 - 1e-9);
            var change = Math.Abs(newPrior - prior);
            for (var f = 0; f < Fields.Count; f++)
            for (var l = 0; l < m[f].Length; l++)
                change = Math.Max(change, Math.Max(Math.Abs(newM[f][l] - m[f][l]), Math.Abs(newU[f][l] - u[f][l])));
            (m, u, prior) = (newM, newU, newPrior);
            converged = change < tolerance;
        }
        var estimated = new LinkageModel(m, u, prior, model.Upper, model.Lower, iteration, converged);
        return Thresholds.Choose(estimated, counts);
    }
}
