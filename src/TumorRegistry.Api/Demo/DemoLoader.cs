using System.Diagnostics;
using Npgsql;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// Loads the demo registry into an empty database: the synthetic state's population and made-up cases as event
/// streams (bulk), then rebuilds the read models from those events, as a real import would.
/// </summary>
public sealed class DemoLoader(RegistryEvents store, ProjectionRebuilder rebuilder, NpgsqlDataSource db, ILogger<DemoLoader> log)
{
    /// <summary>The made-up state: New Mexico's codes, so the state and county codes pass the edits; not its people.</summary>
    public static readonly SyntheticPopulationOptions Population = new() { StatePostal = "NM", StateFips = "35", FirstYear = 2015, LastYear = 2022 };

    public async Task<bool> LoadIfEmptyAsync(DemoOptions options, CancellationToken ct = default)
    {
        await using (var any = db.CreateCommand("select exists (select 1 from marten.mt_streams)"))
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                log.LogInformation("Demo: the registry already has cases; nothing loaded.");
                return false;
            }

        var clock = Stopwatch.StartNew();
        var population = SyntheticPopulation.Generate(Population);
        var streams = DemoRegistry.Generate(options, population);
        var events = await store.BulkAppendNewStreamsAsync(streams, new EventMetadata("demo.loader", "Demo registry (synthetic cases)"), ct: ct);
        log.LogInformation("Demo: appended {Events} events in {Streams} streams in {Seconds:F1} s.", events, streams.Count, clock.Elapsed.TotalSeconds);

        foreach (var projection in rebuilder.All)
        {
            clock.Restart();
            await rebuilder.RebuildAsync(projection.Name, ct);
            log.LogInformation("Demo: rebuilt {Projection} in {Seconds:F1} s.", projection.Name, clock.Elapsed.TotalSeconds);
        }
        return true;
    }
}
