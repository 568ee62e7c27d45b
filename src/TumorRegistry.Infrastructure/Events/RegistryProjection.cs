using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// A read model kept in a table of our own (typed, indexed, read with SQL by reports and worklists) and written by
/// a Marten projection: inline ones in the transaction of the append, async ones by Marten's daemon.
/// </summary>
public abstract class RegistryProjection : IProjection
{
    /// <summary>Stable name: Marten's projection name and the rebuild command's argument.</summary>
    public abstract string Name { get; }

    /// <summary>The table it writes, emptied before a rebuild.</summary>
    public abstract string Table { get; }

    public abstract ProjectionLifecycle Lifecycle { get; }

    public abstract Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation);
}
