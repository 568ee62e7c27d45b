using System.Text.Json;
using Npgsql;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Synthetic;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// Loads the demo registry (the synthetic generator at the demo's options) into an empty database only, and keeps the
/// options it used (demo_registry) so a later start writes its reports for the data it holds.
/// </summary>
public sealed class DemoLoader(RegistryEvents store, ProjectionRebuilder rebuilder, NpgsqlDataSource db, TimeProvider clock, ILogger<DemoLoader> log)
{
    /// <summary>The options of the registry held, and whether this start loaded it.</summary>
    public async Task<(SyntheticOptions Options, bool Loaded)> LoadIfEmptyAsync(SyntheticOptions wanted, TextWriter? progress = null, CancellationToken ct = default)
    {
        await using (var any = db.CreateCommand("select exists (select 1 from marten.mt_streams)"))
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                var held = await StoredOptionsAsync(ct);
                log.LogInformation("Demo: the registry already has cases; nothing loaded.");
                return (held ?? wanted, false);
            }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (reports, events) = await new SyntheticLoader(store, rebuilder).LoadAsync(wanted, progress, ct);
        await using (var save = db.CreateCommand("""
            insert into demo_registry(id, options, loaded_at) values (1, $1::jsonb, $2)
            on conflict (id) do update set options = excluded.options, loaded_at = excluded.loaded_at
            """))
        {
            save.Parameters.AddWithValue(JsonSerializer.Serialize(wanted));
            save.Parameters.AddWithValue(clock.GetUtcNow());
            await save.ExecuteNonQueryAsync(ct);
        }
        log.LogInformation("Demo: loaded {Events} events for {Reports} reports in {Seconds:F1} s.", events, reports, watch.Elapsed.TotalSeconds);
        return (wanted, true);
    }

    private async Task<SyntheticOptions?> StoredOptionsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select options::text from demo_registry where id = 1");
        return await cmd.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<SyntheticOptions>(json) : null;
    }
}
