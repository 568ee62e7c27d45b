namespace TumorRegistry.Linkage.Tests;

/// <summary>The acceptance check at 20,000 patients (the million-patient run is bench/TumorRegistry.Bench.Linkage).</summary>
public class AccuracyTests
{
    [Fact]
    public void Twenty_thousand_patients_with_planted_duplicates_reach_098_precision_and_recall()
    {
        var population = new Population(20_000, 0.1, 2026);
        var kinds = population.Records.Where(r => r.DuplicateOf >= 0).GroupBy(r => r.Variation).ToDictionary(g => g.Key, g => g.Count());
        foreach (var kind in new[] { "typo in family name", "typo in given name", "nickname", "day and month swapped", "SSN missing", "name change (maiden to married)" })
            Assert.True(kinds.GetValueOrDefault(kind) > 50, $"too few planted duplicates of kind {kind}");

        var result = new Dedup(population.Prepared, new DedupOptions { MaxDegreeOfParallelism = 2 }).Run();
        var accuracy = LinkageAccuracy.Of(result.Links.Select(p => (p.First, p.Second)), population.Truth);
        Assert.True(accuracy.Precision >= 0.98, $"precision {accuracy.Precision:F4} ({accuracy.TruePositives}/{accuracy.Predicted})");
        Assert.True(accuracy.Recall >= 0.98, $"recall {accuracy.Recall:F4} ({accuracy.TruePositives}/{accuracy.Truth})");
        // The review band is a registrar's day, not the registry.
        Assert.True(result.Review.Count < population.Truth.Count / 5, $"{result.Review.Count} pairs to review");
    }
}
