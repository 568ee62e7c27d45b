using Marten;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>A folded aggregate with the events it was folded from (for history).</summary>
public sealed record Loaded<T>(T State, IReadOnlyList<StoredEvent> Events);

/// <summary>
/// Loads patients and cases by folding their streams (now, or as recorded at a time) and appends a
/// decision's events at the version the registrar read, with who and why as metadata.
/// </summary>
public sealed class CaseRepository(RegistryEvents events)
{
    public RegistryEvents Events => events;

    public async Task<Loaded<Patient>> LoadPatientAsync(Guid id, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var stream = await ReadAsync(id, StreamTypes.Patient, asOf, ct);
        return new(Patient.From(id, stream.Select(e => (DomainEvent)e.Data)), stream);
    }

    public async Task<Loaded<TumorCase>> LoadCaseAsync(Guid id, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var stream = await ReadAsync(id, StreamTypes.Tumor, asOf, ct);
        return new(TumorCase.From(id, stream.Select(e => (DomainEvent)e.Data)), stream);
    }

    /// <summary>
    /// Appends events at <paramref name="expectedVersion"/> (0 for a new stream); in the caller's session when one is
    /// given (the caller commits). Returns the stream's new version; throws ConcurrencyException on a race.
    /// </summary>
    public async Task<int> AppendAsync(Guid streamId, string streamType, int expectedVersion, IReadOnlyList<DomainEvent> decided,
        EventMetadata metadata, IDocumentSession? session = null, CancellationToken ct = default)
    {
        var append = new StreamAppend(streamId, streamType, expectedVersion, decided.Cast<object>().ToList());
        var stored = session is not null
            ? await events.AppendInSessionAsync(session, [append], metadata, ct)
            : await events.AppendAsync(append, metadata, ct);
        return stored.Count == 0 ? expectedVersion : stored[^1].Version;
    }

    /// <summary>The events of a stream of the given type; empty when the stream is missing or of another type.</summary>
    private async Task<IReadOnlyList<StoredEvent>> ReadAsync(Guid id, string type, DateTimeOffset? asOf, CancellationToken ct)
    {
        var stream = await events.ReadStreamAsync(id, asOf: asOf, ct: ct);
        if (stream.Count == 0) return [];
        var kind = DomainEvents.Of(stream[0].Data.GetType()).Stream;
        return (kind == StreamKind.Patient ? StreamTypes.Patient : StreamTypes.Tumor) == type ? stream : [];
    }
}
