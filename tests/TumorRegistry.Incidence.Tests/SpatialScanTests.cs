using Xunit.Abstractions;
using TumorRegistry.Incidence.Areas;

namespace TumorRegistry.Incidence.Tests;

/// <summary>Kulldorff's scan on a 10 x 10 grid of synthetic counties: a planted cluster is found, null data stay quiet.</summary>
public class SpatialScanTests(ITestOutputHelper output)
{
    static readonly HashSet<string> Planted = [.. from x in new[] { 2, 3, 4 } from y in new[] { 6, 7, 8 } select $"{x},{y}"];

    static List<ScanLocation> Grid(int seed, double plantedRisk)
    {
        var random = new Random(seed);
        var sizes = new Random(7); // the same county sizes in every dataset
        var locations = new List<ScanLocation>();
        for (int x = 0; x < 10; x++)
            for (int y = 0; y < 10; y++)
            {
                double expected = 10 + 30 * sizes.NextDouble();
                string id = $"{x},{y}";
                double risk = Planted.Contains(id) ? plantedRisk : 1;
                locations.Add(new ScanLocation(id, id, x, y, Poisson(random, expected * risk), expected));
            }
        return locations;
    }

    static long Poisson(Random random, double mean)
    {
        // Knuth's product of uniforms; means here are below 100.
        double limit = Math.Exp(-mean), product = random.NextDouble();
        long k = 0;
        while (product > limit) { product *= random.NextDouble(); k++; }
        return k;
    }

    [Fact]
    public void Planted_cluster_is_the_most_likely_cluster_and_significant()
    {
        var result = SpatialScan.Run(Grid(seed: 11, plantedRisk: 2.0), new ScanOptions { Seed = 3 });
        var top = result.Clusters[0];
        Assert.True(top.PValue < 0.05, $"p = {top.PValue}");
        Assert.Equal(0.001, top.PValue); // nothing in 999 null replications comes close
        int inside = top.AreaIds.Count(Planted.Contains);
        Assert.True(inside >= 6 && top.AreaIds.Count - inside <= 3, $"cluster {string.Join(' ', top.AreaIds)}");
        Assert.True(top.RelativeRisk > 1.5);
        Assert.Equal(top.AreaIds.Sum(id => Grid(11, 2.0).First(l => l.Id == id).Observed), top.Observed);
        // Secondary clusters share no county with the first and are not significant here.
        Assert.All(result.Clusters.Skip(1), c => Assert.Empty(c.AreaIds.Intersect(top.AreaIds)));
        Assert.All(result.Clusters.Skip(1), c => Assert.True(c.PValue > 0.05, $"secondary p = {c.PValue}"));
        Assert.Equal(result.Clusters.Select(c => c.LogLikelihoodRatio).OrderDescending(), result.Clusters.Select(c => c.LogLikelihoodRatio));
    }

    [Fact]
    public void Null_datasets_give_significant_clusters_at_about_the_nominal_rate()
    {
        // 20 seeded null datasets, 999 replications each. Under the null the most likely cluster's p is uniform:
        // about one in 20 below 0.05 (5 or more has probability 0.003), mean p near 0.5.
        var p = Enumerable.Range(100, 20).Select(seed => SpatialScan.Run(Grid(seed, plantedRisk: 1), new ScanOptions { Seed = seed }).Clusters[0].PValue).ToList();
        output.WriteLine($"null p-values: {string.Join(' ', p)}; below 0.05: {p.Count(v => v < 0.05)}");
        Assert.InRange(p.Count(v => v < 0.05), 0, 4);
        Assert.InRange(p.Average(), 0.3, 0.7);
    }

    [Fact]
    public void Same_seed_same_p_values_and_windows_stop_at_half_the_expected_cases()
    {
        var data = Grid(5, 1.5);
        var a = SpatialScan.Run(data, new ScanOptions { Seed = 9, Replications = 99 });
        var b = SpatialScan.Run(data, new ScanOptions { Seed = 9, Replications = 99 });
        Assert.Equal(a.Clusters.Select(c => c.PValue), b.Clusters.Select(c => c.PValue));
        double half = data.Sum(l => l.Observed) / 2.0;
        Assert.All(a.Clusters, c => Assert.True(c.Expected <= half));
        Assert.All(a.Clusters, c => Assert.Equal(0, (c.PValue * 100) % 1, 9)); // rank / (R + 1)
    }

    [Fact]
    public void Log_likelihood_ratio_is_Kulldorffs_formula()
    {
        // Two areas, one window with c=30, mu=20 of C=50: LLR = 30 ln(30/20) + 20 ln(20/30).
        var result = SpatialScan.Run([new("a", "a", 0, 0, 30, 20), new("b", "b", 10, 0, 20, 30)], new ScanOptions { Replications = 9 });
        Assert.Equal(30 * Math.Log(1.5) + 20 * Math.Log(20.0 / 30), result.Clusters[0].LogLikelihoodRatio, 12);
        Assert.Equal(["a"], result.Clusters[0].AreaIds);
        Assert.Equal(1.5 / (20.0 / 30), result.Clusters[0].RelativeRisk, 12);
    }
}
