using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Standards.Xml;

// NAACCR XML exchange benchmark: a generated file of N tumors (~120 items each) imported into an empty registry and
// again into the registry already holding it (the matching path), beside a plain binary COPY of the same rows read
// from the same file; then exports. Tumors/s and the peak working set of each stage (sampled every 50 ms).
// Usage: dotnet bench/TumorRegistry.Bench.Naaccr/bin/Release/net10.0/TumorRegistry.Bench.Naaccr.dll
//        [--tumors 100000] [--items 120] [--batch 500] [--skip-export] [--write-file PATH (only write the file)]
//        [--compare (also the empty-registry import through Marten's session, on its own database)]
var tumors = ArgInt("--tumors", 100_000);
var items = ArgInt("--items", 120);
var batch = ArgInt("--batch", 500);
if (Array.IndexOf(args, "--write-file") is var w and >= 0)
{
    // Only write the generated file (to try the CLI on it by hand).
    await using var f = File.Create(args[w + 1]);
    Console.WriteLine($"{SyntheticNaaccrFile.Write(f, tumors, items)} tumors written to {args[w + 1]}");
    return;
}

await using var scratch = await ScratchDatabase.CreateAsync("bench_naaccr", durable: true, b => b.CommandTimeout = 0);
var cs = scratch.ConnectionString;
await SchemaMigrator.MigrateAsync(cs);
await using var db = NpgsqlDataSource.Create(cs);
Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, load {Load()}, " +
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {await db.CreateCommand("select version()").ExecuteScalarAsync()}");

var file = Path.Combine(Path.GetTempPath(), $"bench-naaccr-{Guid.NewGuid():N}.xml");
try
{
    var sw = Stopwatch.StartNew();
    await using (var f = File.Create(file)) SyntheticNaaccrFile.Write(f, tumors, items);
    Console.WriteLine($"# file: {tumors:N0} tumors, {items} items per tumor, {new FileInfo(file).Length / 1e6:N0} MB, generated in {sw.Elapsed.TotalSeconds:N1} s");
    Console.WriteLine();
    Console.WriteLine("| stage | seconds | tumors/s | peak working set MB | notes |");
    Console.WriteLine("|---|---:|---:|---:|---|");

    await Stage("plain COPY of the same rows (read file + binary COPY, no events, no projections)", () => CopyAsync(file));

    await using var store = RegistryStore.Create(cs);
    var importer = new NaaccrXmlImporter(new RegistryEvents(store));
    var request = new NaaccrImportRequest("bench.xml", "bench", new EventMetadata("bench")) { BatchSize = batch };
    await Stage("import into an empty registry", async () =>
    {
        var r = await importer.ImportFileAsync(file, request);
        return $"{r.PatientsCreated:N0} patients, {r.TumorsCreated:N0} tumors created, {r.RecordsRefused} refused";
    });
    // Before and after in the same run: the same import on a fresh database, one batch matched and written at a time.
    await using (var serial = await ScratchDatabase.CreateAsync("bench_naaccr_serial", durable: true, b => b.CommandTimeout = 0))
    {
        await SchemaMigrator.MigrateAsync(serial.ConnectionString);
        await using var serialStore = RegistryStore.Create(serial.ConnectionString);
        var oneAtATime = new NaaccrXmlImporter(new RegistryEvents(serialStore));
        await Stage("before: import into an empty registry, one batch at a time", async () =>
        {
            var r = await oneAtATime.ImportFileAsync(file, request with { BatchesInFlight = 1 });
            return $"{r.TumorsCreated:N0} tumors created, on its own database";
        });
    }
    var dumps = await DumpRowsAsync(["marten.mt_streams", "marten.mt_events", "public.patients", "public.case_summary", "public.naaccr_patient_keys"]);
    // The floor of the writes themselves: the rows this import wrote (events, streams, read models, keys), copied by
    // binary COPY from files into empty tables made like them (same indexes, storage and compression). No
    // XML, no matching, no edits, no JSON written by .NET: what PostgreSQL alone needs to take in what the import stores.
    await Stage("plain COPY of the rows the import wrote (events, streams, read models, keys) into empty copies of their tables", async () => await WriteFloorAsync(dumps));
    await Stage("import again into the registry holding it (matching path)", async () =>
    {
        var r = await importer.ImportFileAsync(file, request with { Again = true });
        return $"{r.TumorsMatched:N0} tumors matched, {r.ItemsCorrected} items corrected";
    });
    if (args.Contains("--compare"))
    {
        // Before and after in the same run: the same import on a fresh database with every new stream appended through
        // Marten's session (the path before the event COPY; the read-model rows still copied).
        await using var before = await ScratchDatabase.CreateAsync("bench_naaccr_before", durable: true, b => b.CommandTimeout = 0);
        await SchemaMigrator.MigrateAsync(before.ConnectionString);
        await using var beforeStore = RegistryStore.Create(before.ConnectionString);
        var session = new NaaccrXmlImporter(new RegistryEvents(beforeStore));
        await Stage("before: import into an empty registry, new streams appended through Marten's session", async () =>
        {
            var r = await session.ImportFileAsync(file, request with { CopyNewStreams = false });
            return $"{r.TumorsCreated:N0} tumors created";
        });
    }
    if (args.Contains("--diagnose"))
    {
        // Where the empty-registry import spends its time: the same import on a fresh database without the inline projections.
        await using var bare = await ScratchDatabase.CreateAsync("bench_naaccr_bare", durable: true, b => b.CommandTimeout = 0);
        await SchemaMigrator.MigrateAsync(bare.ConnectionString);
        await using var noProjections = RegistryStore.Create(bare.ConnectionString, projections: []);
        var plain = new NaaccrXmlImporter(new RegistryEvents(noProjections));
        await Stage("diagnosis: import into an empty registry without the inline projections", async () =>
        {
            var r = await plain.ImportFileAsync(file, request);
            return $"{r.TumorsCreated:N0} tumors created (no patients/case_summary rows: matching cannot work this way)";
        });
    }
    if (args.Contains("--skip-export")) return;
    var exporter = new NaaccrExporter(db, TumorRegistry.Standards.NaaccrStandards.Default);
    foreach (var (label, export) in new[]
    {
        ("export, whole registry, v25 XML record type A", new NaaccrExportRequest(NaaccrCohort.All)),
        ("export, v26 XML, gzip", new NaaccrExportRequest(NaaccrCohort.All) { Version = "260", Gzip = true }),
        ("export, de-identified extract", new NaaccrExportRequest(NaaccrCohort.All) { Deidentified = true }),
    })
        await Stage(label, async () =>
        {
            var target = file + ".out";
            NaaccrExportResult r;
            await using (var o = File.Create(target)) r = await exporter.ExportAsync(export, o);
            var size = new FileInfo(target).Length;
            File.Delete(target);
            return $"{r.Tumors:N0} tumors, {size / 1e6:N0} MB";
        });
    // The plain floor of an export: the same rows read with one query, no XML.
    await Stage("plain read of the same rows (one query over patients and case_summary, no XML)", async () =>
    {
        await using var cmd = db.CreateCommand("select p.items::text, c.items::text from case_summary c join patients p using (patient_id)");
        await using var r = await cmd.ExecuteReaderAsync();
        long chars = 0;
        while (await r.ReadAsync()) chars += r.GetString(0).Length + r.GetString(1).Length;
        return $"{chars / 1e6:N0} M characters";
    });
}
finally { File.Delete(file); }

async Task Stage(string name, Func<Task<string>> run)
{
    var peak = 0L;
    using var cts = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!cts.IsCancellationRequested)
        {
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
            try { await Task.Delay(50, cts.Token); } catch (OperationCanceledException) { }
        }
    });
    GC.Collect();
    var sw = Stopwatch.StartNew();
    var notes = await run();
    sw.Stop();
    cts.Cancel();
    await sampler;
    Console.WriteLine($"| {name} | {sw.Elapsed.TotalSeconds:N1} | {tumors / sw.Elapsed.TotalSeconds:N0} | {peak / 1e6:N0} | {notes} |");
}

async Task<string> CopyAsync(string path)
{
    await using var conn = await db.OpenConnectionAsync();
    await using (var create = new NpgsqlCommand("create table if not exists copy_floor (case_id uuid, patient_id uuid, items jsonb compression lz4)", conn))
        await create.ExecuteNonQueryAsync();
    await using var f = File.OpenRead(path);
    using var reader = new NaaccrXmlReader(f);
    await using var copy = await conn.BeginBinaryImportAsync("copy (case_id, patient_id, items) from stdin (format binary)".Replace("copy (", "copy copy_floor ("));
    var rows = 0;
    foreach (var p in reader.Patients())
    {
        var patient = Guid.CreateVersion7();
        foreach (var t in p.Tumors)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(patient, NpgsqlDbType.Uuid);
            await copy.WriteAsync(System.Text.Json.JsonSerializer.Serialize(t.Items), NpgsqlDbType.Jsonb);
            rows++;
        }
    }
    await copy.CompleteAsync();
    return $"{rows:N0} rows";
}

// The rows of the given tables in PostgreSQL's binary COPY format, one file each (taken out before the floor's clock starts).
async Task<List<(string Table, string File)>> DumpRowsAsync(string[] tables)
{
    await using var conn = await db.OpenConnectionAsync();
    var dumps = new List<(string, string)>();
    foreach (var t in tables)
    {
        var path = $"{file}.{t}.copy";
        await using (var outgoing = await conn.BeginRawBinaryCopyAsync($"copy {t} to stdout (format binary)"))
        await using (var f = File.Create(path))
            await outgoing.CopyToAsync(f);
        dumps.Add((t, path));
    }
    return dumps;
}

// Writes the dumped rows into empty tables made like theirs (same indexes, storage, compression), one transaction.
async Task<string> WriteFloorAsync(List<(string Table, string File)> dumps)
{
    await using var conn = await db.OpenConnectionAsync();
    await using (var create = new NpgsqlCommand("drop schema if exists write_floor cascade; create schema write_floor;" +
        string.Concat(dumps.Select(d => $"create table write_floor.{d.Table.Split('.')[1]} (like {d.Table} including all);")), conn))
        await create.ExecuteNonQueryAsync();
    long bytes = 0;
    var each = new List<string>();
    await using (var tx = await conn.BeginTransactionAsync())
    {
        foreach (var (table, path) in dumps)
        {
            var sw = Stopwatch.StartNew();
            await using (var incoming = await conn.BeginRawBinaryCopyAsync($"copy write_floor.{table.Split('.')[1]} from stdin (format binary)"))
            await using (var f = File.OpenRead(path))
            {
                bytes += f.Length;
                await f.CopyToAsync(incoming);
            }
            each.Add($"{table.Split('.')[1]} {sw.Elapsed.TotalSeconds:N1} s");
        }
        await tx.CommitAsync();
    }
    await using (var drop = new NpgsqlCommand("drop schema write_floor cascade", conn)) await drop.ExecuteNonQueryAsync();
    foreach (var (_, path) in dumps) File.Delete(path);
    return $"{bytes / 1e6:N0} MB; {string.Join(", ", each)}";
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
