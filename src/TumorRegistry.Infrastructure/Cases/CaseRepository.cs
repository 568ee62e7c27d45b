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

    // Which patient each case read lately belongs to, so the next read fetches both streams in one round trip. Only a
    // hint: the case's own CaseOpened decides, and a miss or a stale entry falls back to two reads.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> _patientOfCase = new();

    /// <summary>A case and its patient as they are now: one round trip when the case was read before, else two.</summary>
    public async Task<(Loaded<TumorCase> Case, Loaded<Patient> Patient)> LoadCaseWithPatientAsync(Guid caseId, CancellationToken ct = default)
    {
        if (_patientOfCase.TryGetValue(caseId, out var hinted))
        {
            var (tumorEvents, patientEvents) = await events.ReadTwoStreamsAsync(caseId, hinted, ct);
            var tumor = OfType(tumorEvents, StreamTypes.Tumor);
            var folded = new Loaded<TumorCase>(TumorCase.From(caseId, tumor.Select(e => (DomainEvent)e.Data)), tumor);
            if (folded.State.PatientId == hinted)
            {
                var patient = OfType(patientEvents, StreamTypes.Patient);
                return (folded, new Loaded<Patient>(Patient.From(hinted, patient.Select(e => (DomainEvent)e.Data)), patient));
            }
            _patientOfCase.TryRemove(caseId, out _);
        }
        var loaded = await LoadCaseAsync(caseId, null, ct);
        if (!loaded.State.Exists) return (loaded, new Loaded<Patient>(Patient.From(Guid.Empty, []), []));
        if (_patientOfCase.Count > 200_000) _patientOfCase.Clear();
        _patientOfCase[caseId] = loaded.State.PatientId;
        return (loaded, await LoadPatientAsync(loaded.State.PatientId, null, ct));
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
        return OfType(stream, type);
    }

    private static IReadOnlyList<StoredEvent> OfType(IReadOnlyList<StoredEvent> stream, string type)
    {
        if (stream.Count == 0) return [];
        var kind = DomainEvents.Of(stream[0].Data.GetType()).Stream;
        return (kind == StreamKind.Patient ? StreamTypes.Patient : StreamTypes.Tumor) == type ? stream : [];
    }
}
