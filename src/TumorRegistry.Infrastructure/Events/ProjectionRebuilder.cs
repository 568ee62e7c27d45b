using JasperFx.Events.Daemon;
using Marten;

namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// Rebuilds a read model from the first event with Marten's projection rebuild: the table is emptied, then Marten
/// replays every event through the projection. Writers are not blocked; the projections' version guards keep a row
/// that a live append made newer than the replay's fold.
/// </summary>
public sealed class ProjectionRebuilder(IDocumentStore store, IEnumerable<RegistryProjection> projections,
    Func<Task<IProjectionDaemon>>? runningDaemon = null)
{
    private static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(30);

    public IReadOnlyList<RegistryProjection> All { get; } = projections.ToList();

    /// <exception cref="ArgumentException">No projection has that name; the message lists the known names.</exception>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var projection = All.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"Unknown projection '{name}'. Known: {string.Join(", ", All.Select(p => p.Name))}.");
        await using (var conn = store.Storage.Database.CreateConnection())
        {
            await conn.OpenAsync(ct);
            // delete, not truncate: truncate's exclusive lock would wait behind writers that wait for our replay.
            await using var empty = new Npgsql.NpgsqlCommand($"delete from {projection.Table}", conn);
            await empty.ExecuteNonQueryAsync(ct);
        }
        // The host's own daemon when it runs one (it pauses the projection's agent while replaying), else a new one.
        if (runningDaemon is not null)
        {
            await (await runningDaemon()).RebuildProjectionAsync(name, ShardTimeout, ct);
            return;
        }
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(name, ShardTimeout, ct);
    }
}
