using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using System.Xml;
using Npgsql;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Infrastructure.Exchange;

/// <summary>How an import runs: the labels recorded, who, the read mode and whether a re-sent file is applied again.</summary>
public sealed record NaaccrImportRequest(string FileName, string Source, EventMetadata Who)
{
    public NaaccrReadOptions Read { get; init; } = NaaccrReadOptions.Strict;

    /// <summary>Apply the file even when the same bytes were imported before (then only changed values are written).</summary>
    public bool Again { get; init; }

    /// <summary>
    /// Write new patients and tumors by binary COPY into Marten's tables (false: through Marten's session like any
    /// append, the benchmark's "before").
    /// </summary>
    public bool CopyNewStreams { get; init; } = true;

    /// <summary>Patient records per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Batches matched and written at once (1: one after another, the benchmark's "before").</summary>
    public int BatchesInFlight { get; init; } = 2;

    public IProgress<NaaccrImportProgress>? Progress { get; init; }

    /// <summary>The batch record to use (one queued by <see cref="NaaccrXmlImporter.QueueAsync"/>); a new one when null.</summary>
    public Guid? BatchId { get; init; }
}

public sealed record NaaccrImportProgress(long BytesRead, long Bytes, int Patients, int Tumors);

/// <summary>The batch record of an import, as stored in naaccr_import_batches.</summary>
public sealed record NaaccrImportReport(Guid BatchId, string Status, string FileName, string FileHash, int PatientsRead, int TumorsRead,
    int PatientsCreated, int PatientsMatched, int TumorsCreated, int TumorsMatched, int ItemsCorrected, int RecordsRefused,
    int CasesFailingEdits, int Warnings, IReadOnlyList<NaaccrProblem> Problems, Guid? SameFileAs)
{
    public bool FileRefused => Status == NaaccrXmlImporter.Refused;

    /// <summary>
    /// The file's NaaccrData-level items (Registry ID [40], Registry Type [30], NAACCR Record Version [50], root items of
    /// user dictionaries...): they describe the sender and the file, not a patient or a tumor, so they are kept on the
    /// batch record (naaccr_import_batches.root_items) and shown with its report.
    /// </summary>
    public IReadOnlyDictionary<string, string>? RootItems { get; init; }
}

/// <summary>
/// Loads a NAACCR XML file as an import batch. The file's hash is taken first: the same bytes imported before are
/// recognised and not applied again (unless asked). Patients are read one at a time and written in batches, each one
/// transaction holding the events, the inline projections, the registry keys and the batch's counts, so an import
/// killed at any point and rerun ends with each patient and tumor exactly once (records already written match and
/// change nothing). Records with problems are refused one by one (nothing of them is stored) and reported.
/// </summary>
public sealed class NaaccrXmlImporter(RegistryEvents store)
{
    public const string Queued = "queued", Running = "running", Completed = "completed", Refused = "refused", AlreadyImported = "already_imported";
    private const int MaxProblemsKept = 10_000;
    private const long LockKey = 0x4E41414343524D54; // "NAACCRMT": one import at a time, so its matches see every other's records

    /// <summary>Imports a stream by way of a temporary file (the hash needs the bytes before the import starts).</summary>
    public async Task<NaaccrImportReport> ImportAsync(Stream xml, NaaccrImportRequest request, CancellationToken ct = default)
    {
        var temp = Path.GetTempFileName();
        try
        {
            await using (var f = File.Create(temp)) await xml.CopyToAsync(f, ct);
            return await ImportFileAsync(temp, request, ct);
        }
        finally { File.Delete(temp); }
    }

    public async Task<NaaccrImportReport> ImportFileAsync(string path, NaaccrImportRequest request, CancellationToken ct = default)
    {
        var hash = await HashAsync(path, ct);
        var batch = new Batch(request.BatchId ?? Guid.CreateVersion7(), request, hash);
        if (!request.Again && await FindCompletedAsync(hash, ct) is { } earlier)
        {
            batch.Status = AlreadyImported;
            batch.SameFileAs = earlier;
            await InsertBatchAsync(batch, finished: true, ct);
            return batch.Report();
        }
        await InsertBatchAsync(batch, finished: false, ct);

        await using var file = File.OpenRead(path);
        var registryId = "";
        try
        {
            using var reader = new NaaccrXmlReader(file, request.Read);
            batch.AddProblems(reader.FileProblems);
            if (reader.FileRefused)
            {
                batch.Status = Refused;
                await FinishAsync(batch, ct);
                return batch.Report();
            }
            registryId = reader.Header["registryId"]?.Trim() ?? "";
            await SaveRootItemsAsync(batch.Id, reader.Header.Items, ct);
            // One import at a time (a session lock, held to the end or until the connection dies with the process): the
            // pipelined batches below look their records up before the batch ahead of them commits, which is only safe
            // when no other import writes meanwhile.
            await using var importLock = await LockImportsAsync(ct);
            // The next batch is parsed while this one writes: at most one waits in between, so memory stays flat.
            var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reading = Task.Run(() => ReadChunksAsync(reader, file, request.BatchSize, chunks.Writer, stop.Token), CancellationToken.None);
            // Two batches in flight: while one is in PostgreSQL (its COPY, index upkeep, commit) the next is matched and
            // built in .NET on its own connection. Each commits after the one before it.
            var inFlight = new Queue<InFlightBatch>();
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                {
                    lock (batch)
                    {
                        batch.PatientsRead += chunk.PatientsRead;
                        batch.TumorsRead += chunk.TumorsRead;
                        batch.RecordsRefused += chunk.Refused;
                        batch.AddProblems(chunk.Problems);
                        if (chunk.Break is { } broken)
                        {
                            batch.AddProblems([broken]);
                            batch.Status = Refused;
                        }
                    }
                    // The whole records read before a break are kept, like those of the batches already written.
                    if (chunk.Records.Count > 0)
                    {
                        if (inFlight.Count >= Math.Max(1, request.BatchesInFlight)) await inFlight.Dequeue().Written;
                        var ahead = inFlight.LastOrDefault();
                        var next = new InFlightBatch(KeysOf(chunk.Records), ahead);
                        // Records that could match what the batch ahead writes wait until it has committed.
                        if (ahead is not null && ahead.Keys.Overlaps(next.Keys)) await ahead.Written;
                        else if (ahead is not null) await ahead.LookedUp;
                        next.Written = FlushAsync(batch, registryId, chunk.Records, next, ct);
                        inFlight.Enqueue(next);
                    }
                    request.Progress?.Report(new NaaccrImportProgress(chunk.Position, file.Length, batch.PatientsRead, batch.TumorsRead));
                }
                while (inFlight.Count > 0) await inFlight.Dequeue().Written;
            }
            finally
            {
                await stop.CancelAsync();
                await reading;
                // A batch that failed fails those behind it (they wait for it to commit): let them all end before leaving.
                foreach (var b in inFlight) await b.Written.ContinueWith(_ => { }, TaskScheduler.Default);
            }
            if (batch.Status != Refused) batch.Status = Completed;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            // The file's header itself is broken.
            batch.AddProblems([Broken(e, 1)]);
            batch.Status = Refused;
        }
        await FinishAsync(batch, ct);
        request.Progress?.Report(new NaaccrImportProgress(file.Length, file.Length, batch.PatientsRead, batch.TumorsRead));
        return batch.Report();
    }

    /// <summary>
    /// Reads patients into batches of at most BatchSize records (a second record of the same patient starts a new
    /// batch, so it sees the first one's streams), each with the counts and problems of the records read for it.
    /// </summary>
    private static async Task ReadChunksAsync(NaaccrXmlReader reader, Stream file, int batchSize, ChannelWriter<Chunk> output, CancellationToken ct)
    {
        var chunk = new Chunk();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        async Task EmitAsync()
        {
            chunk.Position = file.Position;
            await output.WriteAsync(chunk, ct);
            chunk = new Chunk();
            ids.Clear();
        }
        try
        {
            try
            {
                foreach (var record in reader.Patients())
                {
                    read++;
                    chunk.PatientsRead++;
                    chunk.TumorsRead += record.Tumors.Count;
                    chunk.Problems.AddRange(record.Problems);
                    var id = record["patientIdNumber"];
                    if (record.Refused || string.IsNullOrWhiteSpace(id))
                    {
                        if (!record.Refused)
                            chunk.Problems.Add(new NaaccrProblem(record.Line, record.Index, null, "patientIdNumber", NaaccrProblemKind.BadValue,
                                "Patient ID Number is required to register a patient.", true));
                        chunk.Refused++;
                    }
                    else
                    {
                        if (ids.Contains(id)) await EmitAsync();
                        ids.Add(id);
                        chunk.Records.Add(record);
                    }
                    // Refused records count too, so a file of them does not gather its problems in one chunk.
                    if (chunk.PatientsRead >= batchSize) await EmitAsync();
                }
            }
            catch (Exception e) when (e is XmlException or InvalidDataException)
            {
                chunk.Break = Broken(e, read + 1);
            }
            await EmitAsync();
            output.TryComplete();
        }
        catch (OperationCanceledException) { output.TryComplete(); }
        catch (Exception e) { output.TryComplete(e); }
    }

    private static NaaccrProblem Broken(Exception e, int patient)
    {
        var line = e is XmlException x ? x.LineNumber : 0;
        return new NaaccrProblem(line, patient, null, null, NaaccrProblemKind.UnknownElement,
            e is XmlException ? $"Not well-formed XML at line {line}: {e.Message}" : e.Message, true);
    }

    /// <summary>One batch of records as read, with what reading them found.</summary>
    private sealed class Chunk
    {
        public List<NaaccrPatientRecord> Records { get; } = [];
        public List<NaaccrProblem> Problems { get; } = [];
        public int PatientsRead, TumorsRead, Refused;
        public long Position;
        public NaaccrProblem? Break;
    }

    /// <summary>Records an import that a background job will run (status queued), so it can be polled at once.</summary>
    public async Task<Guid> QueueAsync(NaaccrImportRequest request, CancellationToken ct = default)
    {
        var batch = new Batch(request.BatchId ?? Guid.CreateVersion7(), request, "") { Status = Queued };
        await InsertBatchAsync(batch, finished: false, ct);
        return batch.Id;
    }

    /// <summary>The batch record of an import.</summary>
    public async Task<NaaccrImportReport?> GetBatchAsync(Guid batchId, CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select status, file_name, file_hash, patients_read, tumors_read, patients_created, patients_matched, tumors_created,
                tumors_matched, items_corrected, records_refused, cases_failing_edits, warnings, refusals::text, root_items::text
            from naaccr_import_batches where batch_id = $1
            """, conn);
        cmd.Parameters.AddWithValue(batchId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var problems = JsonSerializer.Deserialize<List<NaaccrProblem>>(r.GetString(13)) ?? [];
        return new NaaccrImportReport(batchId, r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
            r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), problems, null)
        {
            RootItems = r.IsDBNull(14) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(14)) ?? [],
        };
    }

    private async Task SaveRootItemsAsync(Guid batchId, IReadOnlyDictionary<string, string> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("update naaccr_import_batches set root_items = $2::jsonb where batch_id = $1", conn);
        cmd.Parameters.AddWithValue(batchId);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(items));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task FlushAsync(Batch batch, string registryId, List<NaaccrPatientRecord> records, InFlightBatch self, CancellationToken ct)
    {
        // Off the caller's thread: the caller goes on to read and start the next batch.
        await Task.Yield();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await WriteAsync(batch, registryId, records, self, ct);
                    break;
                }
                catch (ConcurrencyException) when (attempt < 3)
                {
                    // A registrar changed a matched record meanwhile: read again and decide again.
                }
            }
        }
        finally { self.LookedUpOnce(); }
    }

    /// <summary>The keys a batch's records are matched by: Patient ID Numbers, and facility + accession + sequence.</summary>
    private static HashSet<string> KeysOf(List<NaaccrPatientRecord> records)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            keys.Add("p\u0001" + r["patientIdNumber"]);
            foreach (var t in r.Tumors)
                if (NaaccrMatching.AccessionOf(t.Items) is { } a) keys.Add($"a\u0001{a.Facility}\u0001{a.Accession}\u0001{a.Sequence}");
        }
        return keys;
    }

    private async Task WriteAsync(Batch batch, string registryId, List<NaaccrPatientRecord> records, InFlightBatch self, CancellationToken ct)
    {
        await using var session = await store.OpenWriteSessionAsync(ct);
        var conn = session.Connection;
        var tx = session.Transaction;
        var known = await NaaccrMatchLookup.FindAsync(conn, tx, registryId, records, ct);
        if (self.Ahead is { } ahead && ahead.Changes(known.StreamIds))
        {
            // Two Patient ID Numbers led to the same registry patient: wait for the batch ahead and read again (read
            // committed: this transaction's next statements see what it committed).
            await ahead.Written;
            known = await NaaccrMatchLookup.FindAsync(conn, tx, registryId, records, ct);
        }
        self.WillChange(known.StreamIds);
        self.LookedUpOnce();

        var reason = $"import of {batch.Request.FileName} ({batch.Request.Source})";
        var appends = new List<StreamAppend>();
        var keys = new List<(string Pid, Guid Patient)>();
        var touchedCases = new List<Guid>();
        var delta = new Batch(batch.Id, batch.Request, batch.Hash);
        foreach (var record in records)
        {
            var pid = record["patientIdNumber"]!;
            var patient = known.PatientOf(record);
            try
            {
                var outcome = NaaccrMatching.Decide(record, patient, patient is null ? [] : known.CasesOf(patient.Id),
                    batch.Request.Source, reason, Guid.CreateVersion7);
                appends.AddRange(outcome.Changes.Select(c => new StreamAppend(c.StreamId, c.IsPatient ? StreamTypes.Patient : StreamTypes.Tumor,
                    c.ExpectedVersion, [.. c.Events])));
                if (outcome.PatientCreated) delta.PatientsCreated++; else delta.PatientsMatched++;
                delta.TumorsCreated += outcome.TumorsCreated;
                delta.TumorsMatched += outcome.TumorsMatched;
                delta.ItemsCorrected += outcome.ItemsCorrected;
                keys.Add((pid, outcome.PatientId));
                touchedCases.AddRange(outcome.Changes.Where(c => !c.IsPatient).Select(c => c.StreamId));
                if (outcome.Changes.Any(c => c.IsPatient) && !outcome.PatientCreated) touchedCases.AddRange(outcome.CaseIds);
            }
            catch (NaaccrRecordRefusedException e)
            {
                delta.RecordsRefused++;
                delta.AddProblems(e.Errors.Select(f => new NaaccrProblem(e.Tumor is { } t ? record.Tumors[t - 1].Line : record.Line,
                    record.Index, e.Tumor, f.NaaccrId, NaaccrProblemKind.BadValue, f.Message, true)));
            }
        }
        // Streams that exist (matched records' corrections) go through Marten's session, with their version checks; the
        // new ones are copied after them (their rows then fold the corrected patients) in the same transaction.
        var who = batch.Request.Who with { Reason = reason };
        var copied = batch.Request.CopyNewStreams ? appends.Where(a => a.ExpectedVersion == StreamAppend.NoStream).ToList() : [];
        var saved = copied.Count == 0 ? appends : appends.Where(a => a.ExpectedVersion != StreamAppend.NoStream).ToList();
        if (saved.Count > 0) await store.AppendInSessionAsync(session.Session, saved, who, ct);
        if (copied.Count > 0) await store.CopyNewStreamsInSessionAsync(session, copied, who, ct);
        await NaaccrMatchLookup.SaveKeysAsync(conn, tx, registryId, keys, ct);
        if (touchedCases.Count > 0)
        {
            await using var cmd = new NpgsqlCommand("select count(*)::int from case_summary where case_id = any($1) and error_count > 0", conn, tx);
            cmd.Parameters.AddWithValue(touchedCases.Distinct().ToArray());
            delta.CasesFailingEdits = (int)(await cmd.ExecuteScalarAsync(ct))!;
        }
        // Commits keep the file's order, so a batch that fails stops the ones behind it and nothing after it lands. The
        // batch record's row is updated only then: the batch ahead holds its lock until it commits.
        if (self.Ahead is { } before) await before.Written;
        await using (var update = new NpgsqlCommand("""
            update naaccr_import_batches set patients_created = patients_created + $2, patients_matched = patients_matched + $3,
                tumors_created = tumors_created + $4, tumors_matched = tumors_matched + $5, items_corrected = items_corrected + $6,
                cases_failing_edits = cases_failing_edits + $7
            where batch_id = $1
            """, conn, tx))
        {
            update.Parameters.AddWithValue(batch.Id);
            foreach (var v in new[] { delta.PatientsCreated, delta.PatientsMatched, delta.TumorsCreated, delta.TumorsMatched, delta.ItemsCorrected, delta.CasesFailingEdits })
                update.Parameters.AddWithValue(v);
            await update.ExecuteNonQueryAsync(ct);
        }
        await session.CommitAsync(ct);
        lock (batch) batch.Add(delta);
        // Committed: nothing behind it needs the batch ahead any more (a chain of them would hold the whole file's keys).
        self.Ahead = null;
    }

    /// <summary>
    /// A batch being matched and written while another may be: its match keys, the existing streams it changes, the
    /// batch ahead of it, and when it has looked its records up and when it has committed.
    /// </summary>
    private sealed class InFlightBatch(HashSet<string> keys, InFlightBatch? ahead)
    {
        private readonly TaskCompletionSource _lookedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HashSet<Guid> _streams = [];
        public HashSet<string> Keys { get; } = keys;
        public InFlightBatch? Ahead { get; set; } = ahead;
        public Task LookedUp => _lookedUp.Task;
        public Task Written { get; set; } = Task.CompletedTask;
        public void LookedUpOnce() => _lookedUp.TrySetResult();

        // Locked: a retry after a conflict looks up again while the batch behind may be asking.
        public void WillChange(IEnumerable<Guid> streams)
        {
            lock (_streams) _streams.UnionWith(streams);
        }

        public bool Changes(IEnumerable<Guid> streams)
        {
            lock (_streams) return _streams.Overlaps(streams);
        }
    }

    /// <summary>The import lock, held by a connection of its own until disposed (or until the process dies with it).</summary>
    private async Task<ImportLock> LockImportsAsync(CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
            return new ImportLock(conn);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private sealed class ImportLock(NpgsqlConnection conn) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Unlocked by hand: a pooled connection's session state is only reset when it is next used.
            try
            {
                await using var cmd = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", conn);
                await cmd.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally { await conn.DisposeAsync(); }
        }
    }

    private async Task<Guid?> FindCompletedAsync(string hash, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select batch_id from naaccr_import_batches where file_hash = $1 and status = 'completed' order by started_at limit 1", conn);
        cmd.Parameters.AddWithValue(hash);
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    private async Task InsertBatchAsync(Batch batch, bool finished, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            insert into naaccr_import_batches(batch_id, file_name, source, file_hash, imported_by, started_at, finished_at, status, mode)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            on conflict (batch_id) do update set file_hash = excluded.file_hash, started_at = excluded.started_at,
                finished_at = excluded.finished_at, status = excluded.status, patients_created = 0, patients_matched = 0,
                tumors_created = 0, tumors_matched = 0, items_corrected = 0, cases_failing_edits = 0
            """, conn);
        var now = Now();
        cmd.Parameters.AddWithValue(batch.Id);
        cmd.Parameters.AddWithValue(batch.Request.FileName);
        cmd.Parameters.AddWithValue(batch.Request.Source);
        cmd.Parameters.AddWithValue(batch.Hash);
        cmd.Parameters.AddWithValue(batch.Request.Who.User);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(finished ? now : DBNull.Value);
        cmd.Parameters.AddWithValue(batch.Status);
        cmd.Parameters.AddWithValue(batch.Request.Read.Mode == NaaccrReadMode.Strict ? "strict" : "relaxed");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task FinishAsync(Batch batch, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            update naaccr_import_batches set status = $2, finished_at = $3, patients_read = $4, tumors_read = $5,
                records_refused = $6, warnings = $7, refusals = $8::jsonb
            where batch_id = $1
            """, conn);
        cmd.Parameters.AddWithValue(batch.Id);
        cmd.Parameters.AddWithValue(batch.Status);
        cmd.Parameters.AddWithValue(Now());
        cmd.Parameters.AddWithValue(batch.PatientsRead);
        cmd.Parameters.AddWithValue(batch.TumorsRead);
        cmd.Parameters.AddWithValue(batch.RecordsRefused);
        cmd.Parameters.AddWithValue(batch.Warnings);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(batch.Problems));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private DateTimeOffset Now() => ((Marten.Events.IEventStoreOptions)store.Store.Options.Events).TimeProvider.GetUtcNow();

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var conn = store.Store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        return conn;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
    }

    /// <summary>The running counts of one import (and the delta of one transaction, added once it commits).</summary>
    private sealed class Batch(Guid id, NaaccrImportRequest request, string hash)
    {
        public Guid Id { get; } = id;
        public NaaccrImportRequest Request { get; } = request;
        public string Hash { get; } = hash;
        public string Status { get; set; } = Running;
        public Guid? SameFileAs { get; set; }
        public int PatientsRead, TumorsRead, PatientsCreated, PatientsMatched, TumorsCreated, TumorsMatched, ItemsCorrected,
            RecordsRefused, CasesFailingEdits, Warnings;
        public List<NaaccrProblem> Problems { get; } = [];

        public void AddProblems(IEnumerable<NaaccrProblem> problems)
        {
            foreach (var p in problems)
            {
                if (!p.Refuses) Warnings++;
                if (Problems.Count < MaxProblemsKept) Problems.Add(p);
            }
        }

        public void Add(Batch d)
        {
            PatientsCreated += d.PatientsCreated; PatientsMatched += d.PatientsMatched; TumorsCreated += d.TumorsCreated;
            TumorsMatched += d.TumorsMatched; ItemsCorrected += d.ItemsCorrected; RecordsRefused += d.RecordsRefused;
            CasesFailingEdits += d.CasesFailingEdits;
            AddProblems(d.Problems);
        }

        public NaaccrImportReport Report() => new(Id, Status, Request.FileName, Hash, PatientsRead, TumorsRead, PatientsCreated,
            PatientsMatched, TumorsCreated, TumorsMatched, ItemsCorrected, RecordsRefused, CasesFailingEdits, Warnings, Problems, SameFileAs);
    }
}
