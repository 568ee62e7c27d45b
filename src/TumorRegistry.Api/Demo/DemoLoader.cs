using System.Diagnostics;
using Npgsql;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// Loads the demo registry into an empty database: the generated reports as event streams, in bulk batches with
/// progress on the console, then rebuilds the read models from those events, as a real import would.
/// </summary>
public sealed class DemoLoader(RegistryEvents store, ProjectionRebuilder rebuilder, NpgsqlDataSource db, ILogger<DemoLoader> log)
{
    private const int Batch = 5_000;

    public async Task<bool> LoadIfEmptyAsync(SyntheticOptions options, TextWriter? progress = null, CancellationToken ct = default)
    {
        await using (var any = db.CreateCommand("select exists (select 1 from marten.mt_streams)"))
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                log.LogInformation("Demo: the registry already has cases; nothing loaded.");
                return false;
            }

        var clock = Stopwatch.StartNew();
        var metadata = new EventMetadata("demo.loader", "Demo registry (synthetic cases)");
        long events = 0, reports = 0;
        foreach (var batch in DemoRegistry.Generate(options).Chunk(Batch))
        {
            events += await store.BulkAppendNewStreamsAsync(batch.SelectMany(b => new[] { b.Patient, b.Tumor }), metadata, ct: ct);
            reports += batch.Length;
            progress?.Write($"\rDemo: {Bar(reports, options.Tumors)} {reports:N0} reports loaded ({clock.Elapsed.TotalSeconds:F0} s)   ");
        }
        progress?.WriteLine();
        log.LogInformation("Demo: appended {Events} events for {Reports} reports in {Seconds:F1} s.", events, reports, clock.Elapsed.TotalSeconds);

        foreach (var projection in rebuilder.All)
        {
            clock.Restart();
            progress?.WriteLine($"Demo: building the {projection.Name} read model from the events...");
            await rebuilder.RebuildAsync(projection.Name, ct);
            log.LogInformation("Demo: rebuilt {Projection} in {Seconds:F1} s.", projection.Name, clock.Elapsed.TotalSeconds);
        }
        return true;
    }

    // Duplicate reports come on top of the tumors asked for, so the bar may pass 100 % by about one per cent.
    private static string Bar(long done, int total)
    {
        var filled = (int)Math.Min(30, 30 * done / Math.Max(total, 1));
        return "[" + new string('#', filled) + new string('.', 30 - filled) + "]";
    }
}
