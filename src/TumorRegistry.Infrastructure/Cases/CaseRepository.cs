using Npgsql;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.EventStore;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>A folded aggregate with the events it was folded from (for history).</summary>
public sealed record Loaded<T>(T State, IReadOnlyList<StoredEvent> Events);

/// <summary>
/// Loads patients and cases by folding their streams (now, or as recorded at a time) and appends a
/// decision's events at the version the registrar read, with who and why as metadata.
/// </summary>
public sealed class CaseRepository(EventStore.EventStore store)
{
    public EventStore.EventStore Store => store;

    public async Task<Loaded<Patient>> LoadPatientAsync(Guid id, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await ReadAsync(id, StreamTypes.Patient, asOf, ct);
        return new(Patient.From(id, events.Select(e => (DomainEvent)e.Data)), events);
    }

    public async Task<Loaded<TumorCase>> LoadCaseAsync(Guid id, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await ReadAsync(id, StreamTypes.Tumor, asOf, ct);
        return new(TumorCase.From(id, events.Select(e => (DomainEvent)e.Data)), events);
    }

    /// <summary>
    /// Appends events at <paramref name="expectedVersion"/> (0 for a new stream); inside the caller's
    /// transaction when one is given. Returns the stream's new version; throws ConcurrencyException on a race.
    /// </summary>
    public async Task<int> AppendAsync(Guid streamId, string streamType, int expectedVersion, IReadOnlyList<DomainEvent> events,
        EventMetadata metadata, NpgsqlConnection? conn = null, NpgsqlTransaction? tx = null, CancellationToken ct = default)
    {
        var append = new StreamAppend(streamId, streamType, expectedVersion, events.Cast<object>().ToList());
        var stored = conn is not null && tx is not null
            ? await store.AppendInTransactionAsync(conn, tx, [append], metadata, ct)
            : await store.AppendAsync(append, metadata, ct);
        return stored.Count == 0 ? expectedVersion : stored[^1].Version;
    }

    /// <summary>The events of a stream of the given type; empty when the stream is missing or of another type.</summary>
    private async Task<IReadOnlyList<StoredEvent>> ReadAsync(Guid id, string type, DateTimeOffset? asOf, CancellationToken ct)
    {
        var info = await store.GetStreamAsync(id, ct);
        if (info is null || info.Type != type) return [];
        return await store.ReadStreamAsync(id, asOf: asOf, ct: ct);
    }
}
