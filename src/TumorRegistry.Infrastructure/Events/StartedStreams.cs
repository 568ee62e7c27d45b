namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// The streams a save is starting (appends expecting no stream), visible to the inline projections it runs. Such a
/// stream has nothing committed, no row to lock and no read-model row yet (Marten refuses the whole save if the id
/// exists, so the projections' writes roll back with it): the projections fold its pending events without asking the
/// database, which saves their fold, lock and lookup queries for every new patient and case of a bulk import.
/// Ambient (AsyncLocal) because Marten calls the projections inside SaveChangesAsync with no room for our state.
/// </summary>
public static class StartedStreams
{
    private static readonly AsyncLocal<IReadOnlySet<Guid>?> Current = new();

    /// <summary>True when the running save starts <paramref name="id"/>.</summary>
    public static bool Contains(Guid id) => Current.Value?.Contains(id) == true;

    /// <summary>The ids that may already exist: those the running save does not start.</summary>
    public static IEnumerable<Guid> Existing(IEnumerable<Guid> ids) => Current.Value is { Count: > 0 } s ? ids.Where(id => !s.Contains(id)) : ids;

    internal static Scope Begin(IEnumerable<Guid> ids) => new(ids.ToHashSet());

    internal readonly struct Scope : IDisposable
    {
        private readonly IReadOnlySet<Guid>? _previous;

        public Scope(IReadOnlySet<Guid> ids)
        {
            _previous = Current.Value;
            Current.Value = ids;
        }

        public void Dispose() => Current.Value = _previous;
    }
}
