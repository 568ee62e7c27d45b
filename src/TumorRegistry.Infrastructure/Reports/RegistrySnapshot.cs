using System.Text.RegularExpressions;
using Npgsql;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.Reports;

/// <summary>
/// An open connection and transaction whose <c>case_summary</c> and <c>patients</c> are the registry at one state:
/// live (a repeatable-read snapshot, with the highest event sequence number it sees) or replayed from the events up to
/// an earlier sequence into temporary tables of the same names, which shadow the real ones for this connection only
/// (PostgreSQL searches pg_temp first). Report queries run unchanged on either.
/// </summary>
public sealed class SnapshotScope(NpgsqlConnection connection, NpgsqlTransaction transaction, long sequence, bool replayed) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction Transaction { get; } = transaction;
    /// <summary>The highest event sequence number the figures include.</summary>
    public long Sequence { get; } = sequence;
    /// <summary>True when the state was rebuilt from the events (an as-of report).</summary>
    public bool Replayed { get; } = replayed;

    public NpgsqlCommand Command(NpgsqlCommand cmd)
    {
        cmd.Connection = Connection;
        cmd.Transaction = Transaction;
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing is ever written for real: roll back (the temporary tables go with it).
        await Transaction.RollbackAsync();
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>Opens <see cref="SnapshotScope"/>s: now, or as the registry stood after a sequence number or at a time.</summary>
public sealed class RegistrySnapshot(NpgsqlDataSource db, RegistryEvents? events, NaaccrStandards? standards = null, EditEngine? edits = null)
{
    const int Page = 5000;

    /// <summary>The sequence number of the last event recorded at or before <paramref name="at"/> (0 if none).</summary>
    public async Task<long> SequenceAtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {RegistryStore.Schema}.mt_events where timestamp <= @at and type <> 'tombstone'", conn);
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The registry now (<paramref name="asOfSequence"/> null) or replayed up to and including that sequence.</summary>
    public async Task<SnapshotScope> OpenAsync(long? asOfSequence, CancellationToken ct = default)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            if (asOfSequence is null)
            {
                // One snapshot for the sequence and the report's reads, so the number names exactly what was read.
                var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
                await using var cmd = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {RegistryStore.Schema}.mt_events", conn, tx);
                return new SnapshotScope(conn, tx, (long)(await cmd.ExecuteScalarAsync(ct))!, replayed: false);
            }
            var replay = await conn.BeginTransactionAsync(ct);
            await ReplayAsync(conn, replay, asOfSequence.Value, ct);
            return new SnapshotScope(conn, replay, asOfSequence.Value, replayed: true);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    async Task ReplayAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long sequence, CancellationToken ct)
    {
        if (events is null) throw new InvalidOperationException("Replaying the registry needs the event store.");
        await using (var create = new NpgsqlCommand("""
            create temp table patients (like public.patients including all) on commit drop;
            create temp table case_summary (like public.case_summary including all) on commit drop;
            """, conn, tx))
            await create.ExecuteNonQueryAsync(ct);

        // Events in global order up to the sequence, grouped by stream (the order within a stream is its version order).
        var streams = new Dictionary<Guid, List<StoredEvent>>();
        for (long after = 0; after < sequence;)
        {
            var page = await events.ReadAllAsync(after, Page, ct);
            if (page.Count == 0) break;
            foreach (var e in page.Where(e => e.Sequence <= sequence && e.Data is DomainEvent))
            {
                if (!streams.TryGetValue(e.StreamId, out var list)) streams[e.StreamId] = list = [];
                list.Add(e);
            }
            after = page[^1].Sequence;
            if (page[^1].Sequence >= sequence) break;
        }

        var folded = streams.ToDictionary(s => s.Key, s => new FoldedStream(s.Key, DomainEvents.Of(s.Value[0].Data.GetType()).Stream,
            s.Value.OrderBy(e => e.Version).Select(e => (DomainEvent)e.Data).ToList(), s.Value[^1].Metadata.User, s.Value[^1].RecordedAt));
        var patients = folded.Values.Where(s => s.Kind == StreamKind.Patient)
            .Select(s => Patient.From(s.Id, s.Events)).Where(p => p.Exists).ToDictionary(p => p.Id);
        foreach (var p in patients.Values) await ExecAsync(conn, tx, PatientsProjection.UpsertSql, PatientsProjection.Values(p), ct);

        var s0 = standards ?? NaaccrStandards.Default;
        var projection = new CaseSummaryProjection(s0, edits ?? new EditEngine(s0, EditCatalog.Default), TimeProvider.System);
        foreach (var stream in folded.Values.Where(s => s.Kind == StreamKind.Tumor))
        {
            var tumor = TumorCase.From(stream.Id, stream.Events);
            if (!tumor.Exists) continue;
            var patient = patients.GetValueOrDefault(tumor.PatientId) ?? new Patient(tumor.PatientId);
            // Edits are run as of the last event's day, so a replay does not depend on when it is run.
            var day = DateOnly.FromDateTime(stream.LastRecordedAt.UtcDateTime);
            await ExecAsync(conn, tx, CaseSummaryProjection.UpsertSql, projection.Values(stream, tumor, patient, day), ct);
        }
    }

    static readonly Regex Placeholder = new(@"\?(?=::|\s*[,)])", RegexOptions.Compiled);

    // The projections' statements use Marten's '?' placeholders; here they become $1, $2... for Npgsql.
    static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object[] values, CancellationToken ct)
    {
        int n = 0;
        var text = Placeholder.Replace(sql, _ => "$" + ++n);
        await using var cmd = new NpgsqlCommand(text, conn, tx);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
