using System.Diagnostics;

internal sealed record Latency(double PerSecond, double P50, double P99, int Count);

internal static class LatencyRun
{
    /// <summary>Runs <paramref name="op"/> from <paramref name="writers"/> concurrent loops for the given time.</summary>
    public static async Task<Latency> MeasureAsync(int writers, int seconds, Func<int, Task> op)
    {
        var latencies = new List<double>[writers];
        var next = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                await op(Interlocked.Increment(ref next));
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new(all.Length / total.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], all.Length);
    }
}
