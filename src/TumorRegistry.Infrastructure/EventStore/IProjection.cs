using Npgsql;

namespace TumorRegistry.Infrastructure.EventStore;

/// <summary>
/// A read model built from events. Inline projections run in the append's own transaction; async ones are
/// fed by the <see cref="ProjectionDaemon"/>. Either kind can be rebuilt from zero.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name, used for the checkpoint and the rebuild command.</summary>
    string Name { get; }

    /// <summary>Applies events, in global sequence order, inside <paramref name="tx"/>.</summary>
    Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>Empties the read model so it can be rebuilt.</summary>
    Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct);
}

public enum ProjectionLifecycle { Inline, Async }

public sealed record ProjectionRegistration(IProjection Projection, ProjectionLifecycle Lifecycle);
