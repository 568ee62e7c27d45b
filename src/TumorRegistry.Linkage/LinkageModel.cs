namespace TumorRegistry.Linkage;

/// <summary>
/// A Fellegi-Sunter model: per field and level the probability of that level among matches (m) and non-matches
/// (u), the share of matches among compared pairs (p), and the two thresholds on the weight sum.
/// Weights are log2(m/u); a pair links at or above <see cref="Upper"/>, is a non-link below <see cref="Lower"/>,
/// and goes to review between.
/// </summary>
public sealed record LinkageModel(double[][] M, double[][] U, double P, double Upper, double Lower, int Iterations, bool Converged)
{
    /// <summary>log2(m/u); 0 for a level seen neither among matches nor non-matches (both at the floor).</summary>
    public double Weight(int field, int level) =>
        M[field][level] < 1e-6 && U[field][level] < 1e-6 ? 0 : Math.Log2(M[field][level] / U[field][level]);

    public double Weight(int pattern)
    {
        var w = 0.0;
        for (var f = 0; f < Fields.Count; f++) w += Weight(f, Fields.Level(pattern, f));
        return w;
    }

    /// <summary>P(match | pattern) under the model.</summary>
    public double Posterior(int pattern)
    {
        double pm = P, pu = 1 - P;
        for (var f = 0; f < Fields.Count; f++)
        {
            var l = Fields.Level(pattern, f);
            pm *= M[f][l];
            pu *= U[f][l];
        }
        return pm / (pm + pu);
    }

    public LinkDecision Decide(double weight) => weight >= Upper ? LinkDecision.Link : weight < Lower ? LinkDecision.NonLink : LinkDecision.Review;

    /// <summary>Weights of every pattern at once, for classifying millions of pairs by table look-up.</summary>
    public LinkDecision[] DecisionTable()
    {
        var table = new LinkDecision[Fields.PatternCount];
        for (var p = 0; p < table.Length; p++) table[p] = Decide(Weight(p));
        return table;
    }

    /// <summary>
    /// Starting values for EM: u from how often each level occurs among all compared pairs (nearly all are
    /// non-matches), m putting most of the present mass on full agreement, missing as often as it is observed.
    /// Also the model used before any estimate exists.
    /// </summary>
    public static LinkageModel Start(ReadOnlySpan<long> patternCounts)
    {
        var observed = LevelFrequencies(patternCounts);
        var m = new double[Fields.Count][];
        for (var f = 0; f < Fields.Count; f++)
        {
            var levels = Fields.Levels[f];
            m[f] = new double[levels];
            var missing = Math.Clamp(observed[f][0], 0.001, 0.9);
            m[f][0] = missing;
            // Present mass: 0.85 on the best level, the rest halving downwards, 0.01 on disagree.
            var rest = 1 - missing;
            double share = 0.85, sum = 0;
            for (var l = levels - 1; l >= 2; l--) { m[f][l] = rest * share; sum += share; share = (1 - sum) / 2; }
            m[f][1] = rest * Math.Max(0.01, 1 - sum);
            Normalize(m[f]);
        }
        return new LinkageModel(m, observed, 0.01, 10, 0, 0, false);
    }

    internal static double[][] LevelFrequencies(ReadOnlySpan<long> patternCounts)
    {
        var u = new double[Fields.Count][];
        for (var f = 0; f < Fields.Count; f++) u[f] = new double[Fields.Levels[f]];
        for (var p = 0; p < patternCounts.Length; p++)
        {
            if (patternCounts[p] == 0) continue;
            for (var f = 0; f < Fields.Count; f++) u[f][Fields.Level(p, f)] += patternCounts[p];
        }
        foreach (var row in u) Normalize(row);
        return u;
    }

    internal static void Normalize(double[] row)
    {
        const double floor = 1e-7; // no level is impossible: keeps log2(m/u) finite
        var sum = 0.0;
        for (var i = 0; i < row.Length; i++) { row[i] = Math.Max(row[i], floor); sum += row[i]; }
        for (var i = 0; i < row.Length; i++) row[i] /= sum;
    }
}

public enum LinkDecision : byte { NonLink = 0, Review = 1, Link = 2 }
