using Npgsql;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Synthetic;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Api.Demo;

/// <summary>Loads the demo registry (the synthetic generator at the demo's options) into an empty database only.</summary>
public sealed class DemoLoader(RegistryEvents store, ProjectionRebuilder rebuilder, NpgsqlDataSource db, ILogger<DemoLoader> log)
{
    public async Task<bool> LoadIfEmptyAsync(SyntheticOptions options, TextWriter? progress = null, CancellationToken ct = default)
    {
        await using (var any = db.CreateCommand("select exists (select 1 from marten.mt_streams)"))
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                log.LogInformation("Demo: the registry already has cases; nothing loaded.");
                return false;
            }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (reports, events) = await new SyntheticLoader(store, rebuilder).LoadAsync(options, progress, ct);
        log.LogInformation("Demo: loaded {Events} events for {Reports} reports in {Seconds:F1} s.", events, reports, clock.Elapsed.TotalSeconds);
        return true;
    }
}
