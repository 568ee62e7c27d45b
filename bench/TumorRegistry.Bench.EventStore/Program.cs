using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Infrastructure.EventStore;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using Store = TumorRegistry.Infrastructure.EventStore.EventStore;

// Event store benchmark: single-event appends at 1, 8 and 32 writers and a 1,000,000-event bulk append,
// each next to the same rows written into a bare table (the physical floor), in the same run.
// Usage: dotnet run -c Release --project bench/TumorRegistry.Bench.EventStore [-- --seconds 5 --bulk 1000000]
var seconds = ArgInt("--seconds", 5);
var bulkCount = ArgInt("--bulk", 1_000_000);

await using var scratch = await ScratchDatabase.CreateAsync("bench", durable: true, b => b.MaxPoolSize = 100);
var cs = scratch.ConnectionString;
await using var ds = NpgsqlDataSource.Create(cs);
await Exec("create table bare_events (id bigserial primary key, stream_id uuid not null, version int not null, type text not null, data jsonb not null, metadata jsonb not null, recorded_at timestamptz not null)");

var types = new EventTypeRegistry().Register<DiagnosisItemRecorded>("DiagnosisItemRecorded");
var store = new Store(ds, types);
var meta = new EventMetadata("bench.registrar", "benchmark", Guid.NewGuid());
var metaJson = System.Text.Json.JsonSerializer.Serialize(meta, types.JsonOptions);
var payload = new DiagnosisItemRecorded("C509", "8500", "3", "20240115");
var payloadJson = types.Serialize(payload);

var report = new StringBuilder();
report.AppendLine($"| writers | event store appends/s | p50 ms | p99 ms | bare INSERT rows/s | p50 ms | p99 ms |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var writers in new[] { 1, 8, 32 })
{
    var es = await Measure(writers, seconds, async (w, i) =>
        await store.AppendAsync(new StreamAppend(StreamId(w, i), "tumor", StreamAppend.NoStream, [payload]), meta));
    var bare = await Measure(writers, seconds, async (w, i) =>
    {
        await using var cmd = ds.CreateCommand("insert into bare_events(stream_id, version, type, data, metadata, recorded_at) values ($1, 1, 'DiagnosisItemRecorded', $2::jsonb, $3::jsonb, now())");
        cmd.Parameters.AddWithValue(StreamId(w, i));
        cmd.Parameters.AddWithValue(payloadJson);
        cmd.Parameters.AddWithValue(metaJson);
        await cmd.ExecuteNonQueryAsync();
    });
    report.AppendLine($"| {writers} | {es.PerSecond:N0} | {es.P50:F2} | {es.P99:F2} | {bare.PerSecond:N0} | {bare.P50:F2} | {bare.P99:F2} |");
    Console.WriteLine(report.ToString().Split('\n')[^2]);
}

// Bulk: 1,000,000 events as 100,000 tumor streams of 10 events each.
var streams = Enumerable.Range(0, bulkCount / 10).Select(s => new StreamAppend(Guid.NewGuid(), "tumor", StreamAppend.NoStream,
    Enumerable.Range(0, 10).Select(_ => (object)payload).ToList())).ToList();
var sw = Stopwatch.StartNew();
var written = await store.BulkAppendNewStreamsAsync(streams, meta);
var bulkSeconds = sw.Elapsed.TotalSeconds;

await Exec("truncate bare_events");
sw.Restart();
const int rowsPerStatement = 1000;
await using (var conn = await ds.OpenConnectionAsync())
await using (var tx = await conn.BeginTransactionAsync())
{
    var rows = streams.SelectMany(s => Enumerable.Range(1, 10).Select(v => (s.StreamId, v))).ToList();
    for (var offset = 0; offset < rows.Count; offset += rowsPerStatement)
    {
        var chunk = rows.Skip(offset).Take(rowsPerStatement).ToList();
        var sql = new StringBuilder("insert into bare_events(stream_id, version, type, data, metadata, recorded_at) values ");
        await using var cmd = new NpgsqlCommand { Connection = conn, Transaction = tx };
        cmd.Parameters.Add(new NpgsqlParameter { Value = payloadJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = metaJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        for (var i = 0; i < chunk.Count; i++)
        {
            sql.Append(i == 0 ? "" : ",").Append($"(${i * 2 + 3}, ${i * 2 + 4}, 'DiagnosisItemRecorded', $1, $2, now())");
            cmd.Parameters.AddWithValue(chunk[i].StreamId);
            cmd.Parameters.AddWithValue(chunk[i].v);
        }
        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
}
var bareBulkSeconds = sw.Elapsed.TotalSeconds;

report.AppendLine();
report.AppendLine("| bulk append of events | seconds | events/s |");
report.AppendLine("|---|---:|---:|");
report.AppendLine($"| event store (binary COPY, {written:N0} events in {streams.Count:N0} streams) | {bulkSeconds:F1} | {written / bulkSeconds:N0} |");
report.AppendLine($"| bare table, multi-row INSERT ({rowsPerStatement} rows/statement) | {bareBulkSeconds:F1} | {written / bareBulkSeconds:N0} |");
Console.WriteLine();
Console.WriteLine(report);
return;

static Guid StreamId(int writer, int i) => Guid.NewGuid();

async Task Exec(string sql)
{
    await using var cmd = ds.CreateCommand(sql);
    cmd.CommandTimeout = 0;
    await cmd.ExecuteNonQueryAsync();
}

static async Task<(double PerSecond, double P50, double P99)> Measure(int writers, int seconds, Func<int, int, Task> op)
{
    var latencies = new List<double>[writers];
    var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        var mine = latencies[w] = [];
        for (var i = 0; Stopwatch.GetTimestamp() < stopAt; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op(w, i);
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    })));
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / total.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}

public sealed record DiagnosisItemRecorded(string PrimarySite, string Histology, string Behavior, string DateOfDiagnosis);
