using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Postgres;

// Marten event store benchmark, with the store configured as the registry configures it (RegistryStore.Create):
// single appends (a new patient stream with PatientRegistered) at 1, 8 and 32 writers beside a plain INSERT, then
// loading patients of 10 events each by every Marten path beside a binary COPY into copies of Marten's tables.
// Usage: dotnet bench/TumorRegistry.Bench.EventStore/bin/Release/net10.0/TumorRegistry.Bench.EventStore.dll
//        [--seconds 5] [--bulk 1000000] [--batch 5000] [--per-save 1000] [--session-bulk N] [--skip-single]
var seconds = ArgInt("--seconds", 5);
var bulkEvents = ArgInt("--bulk", 1_000_000);
var batch = ArgInt("--batch", 5000);
var perSave = ArgInt("--per-save", 1000);
var sessionEvents = ArgInt("--session-bulk", bulkEvents);

await using var scratch = await ScratchDatabase.CreateAsync("bench_marten", durable: true, b => { b.MaxPoolSize = 100; b.CommandTimeout = 0; });
var cs = scratch.ConnectionString;
await using var db = NpgsqlDataSource.Create(cs);
await using var raw = RegistryStore.Create(cs, projections: []);
await using var inline = RegistryStore.Create(cs, projections: CaseProjections.Create());
await using var quick = RegistryStore.Create(cs, projections: [], extra: o => o.Events.AppendMode = EventAppendMode.Quick);
// Only the stores of the round-trip probe log what they send (a data source with our logger).
await using var logged = new NpgsqlDataSourceBuilder(cs).UseLoggerFactory(RoundTrips.Instance).Build();
// Quick appends go through a function that only a Quick-mode store's schema creates.
await quick.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
var floor = new Floor(db);
await floor.CreateAsync();

Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
    $"{await ScalarAsync<string>("select version()")}");
Console.WriteLine($"# load {Load()}; seconds {seconds}, bulk {bulkEvents:N0} events, batch {batch}, per-save {perSave} streams");

Console.WriteLine("\n## What one append sends (new stream, one event)");
foreach (var (name, projections, mode) in new[] { ("Rich, no projections", false, EventAppendMode.Rich),
    ("Quick, no projections", false, EventAppendMode.Quick), ("Rich, inline projections", true, EventAppendMode.Rich) })
{
    await using var store = RegistryStore.Create(cs, projections: projections ? CaseProjections.Create() : [],
        extra: o => { o.Events.AppendMode = mode; o.Connection(logged); });
    var events = new RegistryEvents(store);
    await events.AppendAsync(NewPatient(0), Data.Meta); // warm-up: code generation, pool
    var created = NewPatient(0);
    await Trace($"{name}, new stream", () => events.AppendAsync(created, Data.Meta));
    // The registry's other append: the next event on a stream at the version the writer read.
    await Trace($"{name}, existing stream at expected version 1", () => events.AppendAsync(
        created with { ExpectedVersion = 1, Events = [new TumorRegistry.Domain.Events.FollowUpRecorded { VitalStatus = "1" }] }, Data.Meta));
}
if (args.Contains("--probe-only")) return;

if (!args.Contains("--skip-single"))
{
    var json = raw.Options.Serializer().ToJson(Data.Registered(1));
    var mapping = ((IEventRegistry)raw.Options.Events).EventMappingFor(typeof(TumorRegistry.Domain.Events.PatientRegistered));
    Console.WriteLine("\n## Single appends: a new stream with one PatientRegistered per append");
    Console.WriteLine("\n| writers | Marten Rich appends/s | p50 ms | p99 ms | Marten Quick appends/s | p50 ms | p99 ms | Rich + inline projections appends/s | p50 ms | p99 ms | plain INSERT rows/s | p50 ms | p99 ms | load |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    foreach (var writers in new[] { 1, 8, 32 })
    {
        var rich = await LatencyRun.MeasureAsync(writers, seconds, i => new RegistryEvents(raw).AppendAsync(NewPatient(i), Data.Meta));
        var q = await LatencyRun.MeasureAsync(writers, seconds, i => new RegistryEvents(quick).AppendAsync(NewPatient(i), Data.Meta));
        var proj = await LatencyRun.MeasureAsync(writers, seconds, i => new RegistryEvents(inline).AppendAsync(NewPatient(i), Data.Meta));
        var bare = await LatencyRun.MeasureAsync(writers, seconds, _ => floor.InsertOneAsync(Guid.CreateVersion7(), json, mapping.EventTypeName, mapping.DotNetTypeName));
        Console.WriteLine($"| {writers} | {Cells(rich)} | {Cells(q)} | {Cells(proj)} | {Cells(bare)} | {Load()} |");
    }
}

Console.WriteLine($"\n## Bulk load: {bulkEvents / Data.EventsPerPatient:N0} patients, {bulkEvents:N0} events");
var streams = Data.Patients(bulkEvents / Data.EventsPerPatient);
var sw = Stopwatch.StartNew();
var rows = Floor.Rows(raw, streams);
Console.WriteLine($"\nJSON serialisation of {rows.Count:N0} events with Marten's serializer (before the floor's COPY): {sw.Elapsed.TotalSeconds:F1} s");
sw.Restart();
await ScalarAsync<long>($"select count(*) from (select nextval('{RegistryStore.Schema}.mt_events_sequence') from generate_series(1, {rows.Count})) s");
Console.WriteLine($"Drawing {rows.Count:N0} sequence values in one query (Marten's bulk insert does this first): {sw.Elapsed.TotalSeconds:F1} s");
sw.Restart();
var registry = (IEventRegistry)raw.Options.Events;
var built = streams.Select(s => StreamAction.Start(registry, s.StreamId, s.Events.ToArray())).Sum(a => a.Events.Count);
Console.WriteLine($"Building the {built:N0} events as StreamActions in memory (what BulkAppendNewStreamsAsync does before its COPY): {sw.Elapsed.TotalSeconds:F1} s");
var aliases = BulkPaths.AggregateAliases(raw);
var sessionStreams = streams.Take(sessionEvents / Data.EventsPerPatient * 2).ToList();
var sessionCount = sessionStreams.Sum(s => s.Events.Count);

var results = new List<(string Path, long Events, double Seconds, string Load)>();
async Task Time(string path, long events, Func<Task> load)
{
    await ResetAsync();
    var load0 = Load();
    var t = Stopwatch.StartNew();
    await load();
    var elapsed = t.Elapsed.TotalSeconds;
    var stored = path.StartsWith("COPY") ? await ScalarAsync<long>("select count(*) from floor.mt_events")
        : await ScalarAsync<long>($"select count(*) from {RegistryStore.Schema}.mt_events");
    if (stored != events) throw new InvalidOperationException($"{path}: {stored} events stored, {events} expected");
    results.Add((path, events, elapsed, load0));
    Console.WriteLine($"{path}: {elapsed:F1} s, {events / elapsed:N0} events/s (load {load0})");
}

await Time("COPY floor (same columns, indexes, FK)", rows.Count, () => floor.CopyAsync(streams, rows, aliases));
await Time($"BulkAppendNewStreamsAsync (BulkInsertEventsAsync, batch {batch})", rows.Count, () => BulkPaths.RegistryBulkAsync(raw, streams, batch));
Console.WriteLine($"  (distinct event ids, timestamps: {await ScalarAsync<string>($"select count(distinct id) || ', ' || min(timestamp) || ' .. ' || max(timestamp) from {RegistryStore.Schema}.mt_events")})");
await Time("COPY floor, JSON serialised during the COPY", rows.Count, () => floor.CopyAsync(streams, rows, aliases, raw.Options.Serializer()));
await Time($"BulkInsertEventStreamAsync, AssignFromSequence, batch {batch}", rows.Count,
    () => BulkPaths.StreamingAsync(raw, streams, BulkEventSequenceMode.AssignFromSequence, 0, batch));
var first = await ScalarAsync<long>($"select last_value + 1 from {RegistryStore.Schema}.mt_events_sequence");
await Time($"BulkInsertEventStreamAsync, PreserveSourceSequence, batch {batch}", rows.Count,
    () => BulkPaths.StreamingAsync(raw, streams, BulkEventSequenceMode.PreserveSourceSequence, first, batch));
await Time($"sessions, Rich, {perSave} streams per SaveChanges", sessionCount, () => BulkPaths.SessionsAsync(raw, sessionStreams, perSave));
await Time($"sessions, Quick, {perSave} streams per SaveChanges", sessionCount, () => BulkPaths.SessionsAsync(quick, sessionStreams, perSave));
await Time("COPY floor again (drift check)", rows.Count, () => floor.CopyAsync(streams, rows, aliases));
await floor.DropForeignKeyAsync();
await Time("COPY floor, no foreign key", rows.Count, () => floor.CopyAsync(streams, rows, aliases));
await floor.DropSecondaryAsync();
await Time("COPY floor, primary key only", rows.Count, () => floor.CopyAsync(streams, rows, aliases));

var copyFloor = results.Where(r => r.Path.StartsWith("COPY floor (") || r.Path.StartsWith("COPY floor again")).Max(r => r.Events / r.Seconds);
Console.WriteLine("\n| path | events | seconds | events/s | share of the COPY floor | load at start |");
Console.WriteLine("|---|---:|---:|---:|---:|---|");
foreach (var r in results)
    Console.WriteLine($"| {r.Path} | {r.Events:N0} | {r.Seconds:F1} | {r.Events / r.Seconds:N0} | {r.Events / r.Seconds / copyFloor:P0} | {r.Load} |");
Console.WriteLine("\n(share: of the faster of the two COPY floor runs with indexes)");
Console.WriteLine("\n" + await IndexesAsync());
Console.WriteLine($"\nAverage stored event data: {await ScalarAsync<decimal>("select round(avg(pg_column_size(data)), 0) from floor.mt_events")} bytes " +
    $"(jsonb; Marten's serializer writes null properties too: {System.Text.Encoding.UTF8.GetByteCount(raw.Options.Serializer().ToJson(streams[1].Events[2]))} bytes of JSON for one DiagnosisRecorded)");
return;

static async Task Trace(string name, Func<Task> append)
{
    var sent = await RoundTrips.Instance.TraceAsync(append);
    // Npgsql piggybacks BEGIN on the first command: a round trip is a command, a batch or the commit.
    var trips = sent.Where(s => s.StartsWith("Executing") || s.StartsWith("Committed")).ToList();
    // Npgsql 10 under Marten 9.58 has not passed its command log to this probe: say so rather than print zero.
    if (sent.Count == 0) { Console.WriteLine($"\n{name}: not traced (Npgsql's log did not reach the probe; see benchmarks-history.md)"); return; }
    Console.WriteLine($"\n{name}: {trips.Count} round trips");
    foreach (var s in trips) Console.WriteLine($"    {s}");
}

StreamAppend NewPatient(int i) => new(Guid.CreateVersion7(), StreamTypes.Patient, StreamAppend.NoStream, [Data.Registered(i)]);

static string Cells(Latency l) => $"{l.PerSecond:N0} | {l.P50:F2} | {l.P99:F2}";

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

async Task ResetAsync()
{
    var m = RegistryStore.Schema;
    await ExecAsync($"truncate {m}.mt_events, {m}.mt_streams cascade");
    await floor.TruncateAsync();
    await ExecAsync("checkpoint");
}

async Task<string> IndexesAsync()
{
    await using var cmd = db.CreateCommand($"""
        select string_agg(indexrelid::regclass || ': ' || pg_get_indexdef(indexrelid), E'\n' order by indexrelid::regclass::text)
        from pg_index where indrelid in ('{RegistryStore.Schema}.mt_events'::regclass, '{RegistryStore.Schema}.mt_streams'::regclass)
        """);
    await using var fk = db.CreateCommand($"select string_agg(conname || ': ' || pg_get_constraintdef(oid), E'\\n') from pg_constraint where conrelid = '{RegistryStore.Schema}.mt_events'::regclass and contype = 'f'");
    return "Indexes on Marten's tables:\n" + await cmd.ExecuteScalarAsync() + "\nForeign keys of mt_events:\n" + await fk.ExecuteScalarAsync();
}

async Task ExecAsync(string sql)
{
    await using var cmd = db.CreateCommand(sql);
    await cmd.ExecuteNonQueryAsync();
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var cmd = db.CreateCommand(sql);
    return (T)(await cmd.ExecuteScalarAsync())!;
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
