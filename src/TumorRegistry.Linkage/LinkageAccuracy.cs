namespace TumorRegistry.Linkage;

/// <summary>Precision and recall of predicted pairs against known true pairs (record indexes, either order).</summary>
public sealed record LinkageAccuracy(long TruePositives, long Predicted, long Truth)
{
    public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;
    public double Recall => Truth == 0 ? 1 : (double)TruePositives / Truth;

    public static LinkageAccuracy Of(IEnumerable<(int A, int B)> predicted, IEnumerable<(int A, int B)> truth)
    {
        var truthSet = truth.Select(Key).ToHashSet();
        long tp = 0, n = 0;
        foreach (var pair in predicted.Select(Key).Distinct()) { n++; if (truthSet.Contains(pair)) tp++; }
        return new LinkageAccuracy(tp, n, truthSet.Count);
    }

    private static long Key((int A, int B) p) => ((long)Math.Min(p.A, p.B) << 32) | (uint)Math.Max(p.A, p.B);
}
