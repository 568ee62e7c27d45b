using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Events.Archiving;
using Marten.Services;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using MartenConcurrency = JasperFx.ConcurrencyException;

namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// The registry's streams on Marten: appends with the version the writer read (one stream or several in one
/// transaction), reads whole, up to a version or as of a time, archiving, and bulk loading of new streams.
/// It translates between our vocabulary (<see cref="StreamAppend"/>, <see cref="EventMetadata"/>,
/// <see cref="ConcurrencyException"/>) and Marten's, so handlers and tests do not depend on Marten's types.
/// </summary>
public sealed class RegistryEvents(IDocumentStore store)
{
    public const string ReasonHeader = "reason";

    public IDocumentStore Store => store;

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(StreamAppend append, EventMetadata metadata, CancellationToken ct = default) =>
        await AppendManyAsync([append], metadata, ct);

    /// <summary>Appends to several streams atomically: all commit or none.</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct = default)
    {
        await using var session = await OpenWriteSessionAsync(ct);
        var stored = await AppendInSessionAsync(session.Session, appends, metadata, ct);
        await session.CommitAsync(ct);
        return stored;
    }

    /// <summary>
    /// A session on a transaction that is open before anything runs, so the inline projections' stream locks and
    /// reads happen in the transaction that commits the events (Marten otherwise begins it only to write).
    /// </summary>
    public async Task<WriteSession> OpenWriteSessionAsync(CancellationToken ct = default)
    {
        var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        var tx = await conn.BeginTransactionAsync(ct);
        return new WriteSession(conn, tx, store.LightweightSession(SessionOptions.ForTransaction(tx)));
    }

    /// <summary>Appends in the caller's session and saves it (the caller commits its transaction).</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendInSessionAsync(IDocumentSession session, IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata, CancellationToken ct = default)
    {
        Stamp(session, metadata);
        var actions = appends.Where(a => a.Events.Count > 0).Select(a => (Append: a, Action: Queue(session, a))).ToList();
        try
        {
            using var started = StartedStreams.Begin(appends.Where(a => a.Events.Count > 0 && a.ExpectedVersion == StreamAppend.NoStream)
                .Select(a => a.StreamId));
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is MartenConcurrency or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            throw await ConflictAsync(appends, ct);
        }
        return actions.SelectMany(x => x.Action.Events.Select((e, i) =>
            ToStored(e, x.Append.ExpectedVersion >= 0 ? x.Append.ExpectedVersion + i + 1 : (int)e.Version))).ToList();
    }

    /// <summary>
    /// New streams in the caller's write session by binary COPY into Marten's tables, their inline projections run in
    /// the same transaction (<see cref="NewStreamsCopy"/>): a bulk import's batch. The caller commits.
    /// </summary>
    public async Task CopyNewStreamsInSessionAsync(WriteSession session, IReadOnlyList<StreamAppend> appends, EventMetadata metadata,
        CancellationToken ct = default)
    {
        try
        {
            await NewStreamsCopy.WriteAsync(store, session, appends, metadata, a => AggregateTypeOf(a.StreamType), ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // A stream id that exists already (mt_streams' key), as Marten's own start of a stream would refuse it.
            throw await ConflictAsync(appends, ct);
        }
    }

    private static StreamAction Queue(IDocumentSession session, StreamAppend a)
    {
        var events = a.Events.ToArray();
        return a.ExpectedVersion switch
        {
            StreamAppend.NoStream => AggregateTypeOf(a.StreamType) is { } type
                ? session.Events.StartStream(type, a.StreamId, events)
                : session.Events.StartStream(a.StreamId, events),
            StreamAppend.Any => session.Events.Append(a.StreamId, events),
            // Marten takes the version the stream will have after the append.
            _ => session.Events.Append(a.StreamId, a.ExpectedVersion + events.Length, events),
        };
    }

    private static void Stamp(IDocumentSession session, EventMetadata metadata)
    {
        session.LastModifiedBy = metadata.User;
        session.CorrelationId = metadata.CorrelationId?.ToString();
        session.CausationId = metadata.CausationId?.ToString();
        if (metadata.Reason is not null) session.SetHeader(ReasonHeader, metadata.Reason);
    }

    /// <summary>Which stream lost, at which version it actually is (read outside the failed transaction).</summary>
    private async Task<Exception> ConflictAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        foreach (var a in appends.Where(a => a.Events.Count > 0 && a.ExpectedVersion != StreamAppend.Any))
        {
            var state = await query.Events.FetchStreamStateAsync(a.StreamId, ct);
            if (state is null && a.ExpectedVersion > 0) return new StreamNotFoundException(a.StreamId);
            var actual = state is null ? (int?)null : (int)state.Version;
            if ((actual ?? 0) != a.ExpectedVersion) return new ConcurrencyException(a.StreamId, a.ExpectedVersion, actual);
        }
        var first = appends.First(a => a.Events.Count > 0);
        return new ConcurrencyException(first.StreamId, first.ExpectedVersion, null);
    }

    public async Task<StreamInfo?> GetStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(streamId, ct);
        if (state is null) return null;
        // Marten resolves mt_streams.type to a CLR type only once this process has started such a stream; read the name.
        var type = (await query.AdvancedSql.QueryAsync<string>($"select type from {RegistryStore.Schema}.mt_streams where id = ?", ct, streamId)).Single();
        return new StreamInfo(state.Id, StreamTypeOf(type), (int)state.Version, state.Created, state.IsArchived);
    }

    /// <summary>
    /// A stream in version order: whole, up to <paramref name="toVersion"/>, or as recorded by <paramref name="asOf"/>.
    /// An archived stream reads as empty unless <paramref name="includeArchived"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid streamId, int? toVersion = null, DateTimeOffset? asOf = null,
        bool includeArchived = false, CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        IReadOnlyList<IEvent> events;
        if (includeArchived)
            events = (await query.Events.QueryAllRawEvents().Where(e => e.StreamId == streamId && e.MaybeArchived())
                    .OrderBy(e => e.Version).ToListAsync(ct))
                .Where(e => (toVersion is null || e.Version <= toVersion) && (asOf is null || e.Timestamp <= asOf)).ToList();
        else
            events = await query.Events.FetchStreamAsync(streamId, version: toVersion ?? 0, timestamp: asOf, token: ct);
        return events.Select(e => ToStored(e, (int)e.Version)).ToList();
    }

    /// <summary>The current events of two streams in one round trip (a case and its patient, for reads).</summary>
    public async Task<(IReadOnlyList<StoredEvent> First, IReadOnlyList<StoredEvent> Second)> ReadTwoStreamsAsync(Guid first, Guid second,
        CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var a = batch.Events.FetchStream(first);
        var b = batch.Events.FetchStream(second);
        await batch.Execute(ct);
        return ((await a).Select(e => ToStored(e, (int)e.Version)).ToList(), (await b).Select(e => ToStored(e, (int)e.Version)).ToList());
    }

    /// <summary>
    /// Events after <paramref name="afterSequence"/>, in global order, without the tombstones Marten writes where a
    /// failed append had taken sequence numbers.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterSequence, int maxCount, CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.QueryAllRawEvents().Where(e => e.Sequence > afterSequence && e.MaybeArchived())
            .OrderBy(e => e.Sequence).Take(maxCount).ToListAsync(ct);
        return events.Where(e => e.Data is not Tombstone).Select(e => ToStored(e, (int)e.Version)).ToList();
    }

    /// <summary>Archives a stream: its events stay, default reads and projections skip it. Nothing is deleted.</summary>
    public async Task ArchiveAsync(Guid streamId, EventMetadata metadata, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        Stamp(session, metadata);
        session.Events.ArchiveStream(streamId);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// New streams only, through Marten's bulk insert (binary COPY): imports and the demo. Inline projections do not
    /// run here; rebuild them after the load.
    /// </summary>
    public async Task<long> BulkAppendNewStreamsAsync(IEnumerable<StreamAppend> appends, EventMetadata metadata,
        int batchSize = 5000, CancellationToken ct = default)
    {
        var registry = (IEventRegistry)store.Options.Events;
        // Marten's bulk writer stamps only events left without a time, with the wall clock: use the registry's clock.
        var now = ((IEventStoreOptions)store.Options.Events).TimeProvider.GetUtcNow();
        long count = 0;
        var actions = new List<StreamAction>();
        foreach (var a in appends)
        {
            if (a.ExpectedVersion != StreamAppend.NoStream)
                throw new ArgumentException($"Bulk append takes new streams only; stream {a.StreamId} expects version {a.ExpectedVersion}.");
            var action = StreamAction.Start(registry, a.StreamId, a.Events.ToArray());
            action.AggregateType = AggregateTypeOf(a.StreamType);
            foreach (var e in action.Events)
            {
                Stamp(e, metadata);
                e.Timestamp = now;
            }
            actions.Add(action);
            count += a.Events.Count;
        }
        if (actions.Count > 0) await store.BulkInsertEventsAsync(actions, batchSize, ct);
        return count;
    }

    internal static void Stamp(IEvent e, EventMetadata metadata)
    {
        e.UserName = metadata.User;
        e.CorrelationId = metadata.CorrelationId?.ToString();
        e.CausationId = metadata.CausationId?.ToString();
        if (metadata.Reason is not null) e.SetHeader(ReasonHeader, metadata.Reason);
    }

    public static EventMetadata MetadataOf(IEvent e) => new(
        e.UserName ?? "",
        e.Headers is { } h && h.TryGetValue(ReasonHeader, out var reason) ? reason?.ToString() : null,
        Guid.TryParse(e.CorrelationId, out var correlation) ? correlation : null,
        Guid.TryParse(e.CausationId, out var causation) ? causation : null);

    private static StoredEvent ToStored(IEvent e, int version) =>
        new(e.Sequence, e.StreamId, version, e.EventTypeName, SchemaVersionOf(e.Data), e.Data, MetadataOf(e), e.Timestamp);

    private static readonly Dictionary<Type, int> SchemaVersions = DomainEvents.All.ToDictionary(e => e.Type, e => e.SchemaVersion);

    private static int SchemaVersionOf(object data) => SchemaVersions.GetValueOrDefault(data.GetType(), 1);

    /// <summary>The Marten aggregate type recorded in mt_streams.type for our stream types.</summary>
    private static Type? AggregateTypeOf(string streamType) => streamType switch
    {
        Cases.StreamTypes.Patient => typeof(Patient),
        Cases.StreamTypes.Tumor => typeof(TumorCase),
        _ => null,
    };

    private static string StreamTypeOf(string? martenType) => martenType switch
    {
        "patient" => Cases.StreamTypes.Patient,
        "tumor_case" => Cases.StreamTypes.Tumor,
        _ => martenType ?? "",
    };
}

/// <summary>A Marten session on its own connection and open transaction; disposing without commit rolls back.</summary>
public sealed class WriteSession(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, IDocumentSession session) : IAsyncDisposable
{
    public Npgsql.NpgsqlConnection Connection => connection;
    public Npgsql.NpgsqlTransaction Transaction => transaction;
    public IDocumentSession Session => session;

    public Task CommitAsync(CancellationToken ct = default) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
