namespace TumorRegistry.Incidence.Areas;

/// <summary>Walker/Vose alias table: draws an index with probability proportional to its weight in O(1).</summary>
internal sealed class AliasSampler
{
    readonly double[] probability;
    readonly int[] alias;

    public AliasSampler(IReadOnlyList<double> weights)
    {
        int n = weights.Count;
        double sum = weights.Sum();
        probability = new double[n];
        alias = new int[n];
        var scaled = weights.Select(w => w * n / sum).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // What is left has probability 1 up to rounding.
        while (large.Count > 0) probability[large.Pop()] = 1;
        while (small.Count > 0) probability[small.Pop()] = 1;
    }

    public int Next(Random random)
    {
        int i = random.Next(probability.Length);
        return random.NextDouble() < probability[i] ? i : alias[i];
    }
}
