namespace TumorRegistry.Linkage.Tests;

public class EmEstimatorTests
{
    private static readonly Population Small = new(3_000, 0.1, 7);

    private static DedupResult Run(IEnumerable<(int, int, bool)>? decisions = null) =>
        new Dedup(Small.Prepared, new DedupOptions { MaxDegreeOfParallelism = 2 }).Run(decisions);

    [Fact]
    public void Em_converges_and_gives_sensible_weights()
    {
        var model = Run().Model;
        Assert.True(model.Converged, $"EM stopped after {model.Iterations} iterations without converging");
        for (var f = 0; f < Fields.Count; f++)
        {
            var top = Fields.Levels[f] - 1;
            Assert.True(model.Weight(f, top) > 0, $"full agreement on {Fields.Names[f]} should weigh for a link");
            Assert.True(model.Weight(f, 1) < 0, $"disagreement on {Fields.Names[f]} should weigh against");
        }
        // Agreement on the SSN says more than agreement on sex; missing SSN says little either way.
        Assert.True(model.Weight(Fields.Ssn, 3) > model.Weight(Fields.Sex, 2) + 3);
        Assert.InRange(model.Weight(Fields.Ssn, 0), -3, 3);
        Assert.True(model.Weight(Fields.FirstName, 4) > 0, "a nickname should weigh for a link");
        // Roughly the planted share of matches among the compared pairs.
        var planted = Small.Truth.Count;
        Assert.InRange(model.P * Run().PairsCompared, planted * 0.8, planted * 1.2);
        Assert.True(model.Upper >= model.Lower);
    }

    [Fact]
    public void Small_population_is_deduplicated_with_high_precision_and_recall()
    {
        var result = Run();
        var accuracy = LinkageAccuracy.Of(result.Links.Select(p => (p.First, p.Second)), Small.Truth);
        Assert.True(accuracy.Precision >= 0.98, $"precision {accuracy.Precision:F4}");
        Assert.True(accuracy.Recall >= 0.95, $"recall {accuracy.Recall:F4}");
    }

    [Fact]
    public void Registrar_decisions_move_the_next_estimate()
    {
        var before = Run();
        // A registrar confirms planted pairs with a missing SSN and rejects pairs of different people born the same day.
        var confirmed = Small.Truth.Where(t => Small.Prepared[t.B].Ssn.Length == 0).Take(40).Select(t => (t.A, t.B, true));
        var rejected = Enumerable.Range(0, 2_500).GroupBy(i => Small.Prepared[i].BirthDate / 10000)
            .Where(g => g.Count() > 1).Take(40).Select(g => (g.First(), g.Skip(1).First(), false));
        var decisions = confirmed.Concat(rejected).ToList();
        Assert.Equal(80, decisions.Count);
        var after = Run(decisions);
        Assert.NotEqual(before.Model.P, after.Model.P);
        var changed = Enumerable.Range(0, Fields.Count).Any(f => Enumerable.Range(0, Fields.Levels[f])
            .Any(l => Math.Abs(before.Model.M[f][l] - after.Model.M[f][l]) > 1e-6));
        Assert.True(changed, "confirmed pairs should change m");
    }
}
