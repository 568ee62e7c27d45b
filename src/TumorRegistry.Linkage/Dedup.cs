using System.Collections.Concurrent;
using System.Diagnostics;

namespace TumorRegistry.Linkage;

/// <summary>A compared pair: record indexes (First &lt; Second), agreement pattern and weight.</summary>
public readonly record struct ScoredPair(int First, int Second, int Pattern, double Weight);

public sealed record DedupOptions
{
    /// <summary>Blocks larger than this (placeholder dates, a very common name in one year) are not compared; other keys still pair their records.</summary>
    public int MaxBlockSize { get; init; } = 1000;
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

public sealed record DedupResult(
    LinkageModel Model, IReadOnlyList<ScoredPair> Links, IReadOnlyList<ScoredPair> Review,
    long PairsCompared, int BlocksSkipped, long RecordsInSkippedBlocks, TimeSpan Blocking, TimeSpan Estimating, TimeSpan Scoring);

/// <summary>
/// The whole population against itself: OR blocking, each pair compared once (a pair already met under an earlier
/// key is skipped, so no global pair set is kept), EM on the pattern counts, then a second pass that keeps only the
/// links and the review band. Two passes of comparison cost less than holding tens of millions of pairs.
/// </summary>
public sealed class Dedup(PreparedPerson[] people, DedupOptions? options = null)
{
    private readonly DedupOptions _options = options ?? new DedupOptions();
    private ulong[] _keys = [];
    private ulong[][] _values = [];
    private int[][] _records = [];
    private HashSet<ulong>[] _skipped = [];
    private List<(int Start, int End)>[] _blocks = [];

    public int BlocksSkipped { get; private set; }
    public long RecordsInSkippedBlocks { get; private set; }

    public DedupResult Run(IEnumerable<(int First, int Second, bool Confirmed)>? decisions = null)
    {
        var clock = Stopwatch.StartNew();
        BuildBlocks();
        var blocking = clock.Elapsed;
        var counts = CountPatterns(out var compared);
        foreach (var (a, b, confirmed) in decisions ?? [])
        {
            var pattern = Fields.Compare(people[a], people[b]);
            (confirmed ? counts.Confirmed : counts.Rejected)[pattern]++;
        }
        var model = EmEstimator.Estimate(counts);
        var estimating = clock.Elapsed - blocking;
        var (links, review) = Classify(model);
        return new DedupResult(model, links, review, compared, BlocksSkipped, RecordsInSkippedBlocks, blocking, estimating, clock.Elapsed - blocking - estimating);
    }

    /// <summary>Key values for every record, then per key the (value, record) entries sorted so blocks are runs.</summary>
    public void BuildBlocks()
    {
        var width = BlockingKeys.Count * BlockingKeys.Slots;
        _keys = new ulong[people.Length * width];
        Parallel.For(0, people.Length, Options(), i => BlockingKeys.Compute(people[i], _keys.AsSpan(i * width, width)));
        _values = new ulong[BlockingKeys.Count][];
        _records = new int[BlockingKeys.Count][];
        _skipped = new HashSet<ulong>[BlockingKeys.Count];
        _blocks = new List<(int, int)>[BlockingKeys.Count];
        BlocksSkipped = 0;
        RecordsInSkippedBlocks = 0;
        Parallel.For(0, BlockingKeys.Count, Options(), k =>
        {
            var values = new List<ulong>(people.Length);
            var records = new List<int>(people.Length);
            for (var i = 0; i < people.Length; i++)
            for (var s = 0; s < BlockingKeys.Slots; s++)
                if (_keys[i * width + k * BlockingKeys.Slots + s] is var v and not 0) { values.Add(v); records.Add(i); }
            var keyValues = values.ToArray();
            var keyRecords = records.ToArray();
            Array.Sort(keyValues, keyRecords);
            var blocks = new List<(int, int)>();
            var skipped = new HashSet<ulong>();
            var skippedRecords = 0;
            for (var start = 0; start < keyValues.Length;)
            {
                var end = start + 1;
                while (end < keyValues.Length && keyValues[end] == keyValues[start]) end++;
                if (end - start > _options.MaxBlockSize) { skipped.Add(keyValues[start]); skippedRecords += end - start; }
                else if (end - start > 1) blocks.Add((start, end));
                start = end;
            }
            _values[k] = keyValues;
            _records[k] = keyRecords;
            _blocks[k] = blocks;
            _skipped[k] = skipped;
            lock (_blocks) { BlocksSkipped += skipped.Count; RecordsInSkippedBlocks += skippedRecords; }
        });
    }

    private PatternCounts CountPatterns(out long compared)
    {
        var counts = new PatternCounts();
        long pairs = 0;
        ForEachPair(() => new long[Fields.PatternCount], (local, a, b, pattern) => local[pattern]++, local =>
        {
            lock (counts)
                for (var p = 0; p < local.Length; p++) { counts.Unlabelled[p] += local[p]; pairs += local[p]; }
        });
        compared = pairs;
        return counts;
    }

    private (List<ScoredPair> Links, List<ScoredPair> Review) Classify(LinkageModel model)
    {
        var table = model.DecisionTable();
        var links = new List<ScoredPair>();
        var review = new List<ScoredPair>();
        ForEachPair(() => new List<ScoredPair>(), (local, a, b, pattern) =>
        {
            if (table[pattern] != LinkDecision.NonLink) local.Add(new ScoredPair(Math.Min(a, b), Math.Max(a, b), pattern, 0));
        }, local =>
        {
            lock (links)
                foreach (var pair in local)
                {
                    var scored = pair with { Weight = model.Weight(pair.Pattern) };
                    (table[pair.Pattern] == LinkDecision.Link ? links : review).Add(scored);
                }
        });
        return (links, review);
    }

    /// <summary>Every candidate pair once, in parallel over the blocks of every key.</summary>
    private void ForEachPair<T>(Func<T> init, Action<T, int, int, int> visit, Action<T> merge)
    {
        var width = BlockingKeys.Count * BlockingKeys.Slots;
        for (var k = 0; k < BlockingKeys.Count; k++)
        {
            var values = _values[k];
            var records = _records[k];
            var blocks = _blocks[k];
            if (blocks.Count == 0) continue;
            var key = k;
            Parallel.ForEach(Partitioner.Create(0, blocks.Count, Math.Max(64, blocks.Count / 256 + 1)), Options(), init, (range, _, local) =>
            {
                for (var bi = range.Item1; bi < range.Item2; bi++)
                {
                    var (start, end) = blocks[bi];
                    var value = values[start];
                    for (var x = start; x < end; x++)
                    for (var y = x + 1; y < end; y++)
                    {
                        int a = records[x], b = records[y];
                        if (a == b || MetBefore(key, value, a, b, width)) continue;
                        visit(local, a, b, Fields.Compare(people[a], people[b]));
                    }
                }
                return local;
            }, merge);
        }
    }

    // A pair is compared under the first key (and, within a key, the smallest value) the two records share.
    private bool MetBefore(int key, ulong value, int a, int b, int width)
    {
        var ka = _keys.AsSpan(a * width, width);
        var kb = _keys.AsSpan(b * width, width);
        for (var k = 0; k <= key; k++)
        for (var s = 0; s < BlockingKeys.Slots; s++)
        {
            var v = ka[k * BlockingKeys.Slots + s];
            if (v == 0) continue;
            for (var t = 0; t < BlockingKeys.Slots; t++)
            {
                if (kb[k * BlockingKeys.Slots + t] != v) continue;
                if ((k < key || v < value) && !_skipped[k].Contains(v)) return true;
            }
        }
        return false;
    }

    private ParallelOptions Options() => new() { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism };
}
