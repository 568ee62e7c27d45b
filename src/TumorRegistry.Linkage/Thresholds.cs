namespace TumorRegistry.Linkage;

/// <summary>
/// The two thresholds, chosen from the estimated model and the pattern counts in the spirit of Fellegi and Sunter's
/// error bounds: the upper threshold is the lowest weight at which the expected share of false links among all
/// pairs at or above it stays within <paramref name="maxFalseLinkShare"/>; the lower threshold is the highest weight
/// below which the expected number of true matches stays within <paramref name="maxMissedShare"/> of all expected
/// matches. Pairs between go to a registrar.
/// </summary>
public static class Thresholds
{
    public static LinkageModel Choose(LinkageModel model, PatternCounts counts, double maxFalseLinkShare = 0.002, double maxMissedShare = 0.002)
    {
        var rows = new List<(double Weight, double Pairs, double Matches)>();
        for (var p = 0; p < Fields.PatternCount; p++)
        {
            var n = counts.Unlabelled[p] + counts.Confirmed[p] + counts.Rejected[p];
            if (n == 0) continue;
            rows.Add((model.Weight(p), n, n * model.Posterior(p)));
        }
        if (rows.Count == 0) return model;
        rows.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        var expectedMatches = rows.Sum(r => r.Matches);
        double pairs = 0, matches = 0, upper = rows[0].Weight + 1;
        foreach (var r in rows)
        {
            pairs += r.Pairs;
            matches += r.Matches;
            if ((pairs - matches) / pairs <= maxFalseLinkShare) upper = r.Weight;
            else break;
        }
        double missed = 0, lower = rows[^1].Weight;
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            missed += rows[i].Matches;
            if (missed > maxMissedShare * expectedMatches) { lower = rows[i].Weight; break; }
        }
        // Lower is the weight of the first pattern that must not be missed: pairs below it are non-links.
        return model with { Upper = upper, Lower = Math.Min(lower, upper) };
    }
}
