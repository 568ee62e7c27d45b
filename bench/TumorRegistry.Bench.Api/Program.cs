using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TumorRegistry.Bench.Api;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Security;

// API load test: the service runs as its own process (the demo registry on a durable scratch database), wrk sends
// signed-in requests from a second process on loopback, and pgbench sends the same SQL straight to PostgreSQL as the
// baseline, with the same concurrency and duration, in the same run.
// Usage (after `dotnet build -c Release src/TumorRegistry.Api bench/TumorRegistry.Bench.Api`):
//   dotnet bench/TumorRegistry.Bench.Api/bin/Release/net10.0/TumorRegistry.Bench.Api.dll [--seconds 10] [--connections 8]
var seconds = Args.Int(args, "--seconds", 10);
var connections = Args.Int(args, "--connections", 8);
var threads = Args.Int(args, "--threads", 2);
var root = Args.RepositoryRoot();
var apiDll = Path.Combine(root, "src/TumorRegistry.Api/bin/Release/net10.0/TumorRegistry.Api.dll");
if (!File.Exists(apiDll)) { Console.Error.WriteLine($"Build the service first: dotnet build -c Release src/TumorRegistry.Api ({apiDll} missing)"); return 2; }
var wrk = Tools.Find("wrk") ?? throw new InvalidOperationException("wrk is missing: sudo apt-get install -y wrk");
var pgbench = Tools.Find("pgbench") ?? throw new InvalidOperationException("pgbench (PostgreSQL server binaries) is missing");

await using var scratch = await ScratchDatabase.CreateAsync("benchapi", durable: true);
var work = Directory.CreateTempSubdirectory("tr-bench-api-").FullName;
var port = Tools.FreePort();
var baseUrl = $"http://127.0.0.1:{port}";

var load = Stopwatch.StartNew();
await using var api = ServiceProcess.Start(apiDll, scratch.ConnectionString, baseUrl, work);
await api.WaitHealthyAsync(TimeSpan.FromMinutes(10));
Console.WriteLine($"Service up with the demo registry in {load.Elapsed.TotalSeconds:F0} s at {baseUrl}");

await using var db = NpgsqlDataSource.Create(scratch.ConnectionString);
var key = await new ApiKeyStore(db, TimeProvider.System).CreateAsync("bench.load",
    [RegistryRoles.Registrar, RegistryRoles.Manager], [RegistryRoles.AllFacilities], TimeSpan.FromHours(2), "API load benchmark");
var pool = await Pool.WriteAsync(db, work, size: 2000);

var scenarios = new Scenario[]
{
    new("read a case", "GET /cases/{id}", "read-case.lua", new() { ["BENCH_IDS"] = pool.CaseIdsFile }, Baseline.ReadCase),
    new("write a case update with If-Match", "POST /cases/{id}/corrections", "write-case.lua",
        new() { ["BENCH_IDS"] = pool.CaseVersionsFile }, Baseline.WriteCase),
    new("worklist (open cases, first page)", "GET /worklists?status=open", "get.lua",
        new() { ["BENCH_PATH"] = "/worklists?status=open" }, Baseline.Worklist),
    new("survival query (KM by stage, all cases)", "GET /survival/observed?stratify=stage", "get.lua",
        new() { ["BENCH_PATH"] = "/survival/observed?stratify=stage" }, Baseline.Survival),
};

var lua = Path.Combine(AppContext.BaseDirectory, "wrk");
var rows = new List<string>();
// --only read|write|worklist|survival measures one scenario (for profiling the service under load).
var only = Array.IndexOf(args, "--only") is var o and >= 0 ? args[o + 1] : null;
foreach (var s in scenarios.Where(s => only is null || s.Label.Contains(only, StringComparison.OrdinalIgnoreCase)))
{
    await Preflight.CheckAsync(baseUrl, key.Key, s, pool);
    // Warm the service's JIT (tiered compilation reaches its optimised code only after some thousands of calls) and
    // its pools for this path at the measured concurrency, so the run measures the steady state a busy service is in.
    await Wrk.RunAsync(wrk, baseUrl, lua, s, key.Key, 5, connections, threads, pool);
    await pool.RefreshAsync(db);
    var measured = await Wrk.RunAsync(wrk, baseUrl, lua, s, key.Key, seconds, connections, threads, pool);
    var floor = await PgBench.RunAsync(pgbench, scratch.ConnectionString, work, s, pool, seconds, connections, threads);
    rows.Add($"| {s.Label} | `{s.Endpoint}` | {measured.RequestsPerSecond:N0} | {measured.P50Ms:F1} | {measured.P99Ms:F1} | " +
             $"{measured.Errors} of {measured.Requests:N0} | {floor.PerSecond:N0} | {floor.P50Ms:F2} | {floor.P99Ms:F2} |");
    Console.WriteLine(rows[^1]);
}

var audited = await Pool.ScalarAsync(db, "select count(*) from phi_audit where user_name = 'bench.load'");
Console.WriteLine();
Console.WriteLine($"{connections} connections, {threads} wrk threads / pgbench jobs, {seconds} s per run, {Environment.ProcessorCount} cores");
Console.WriteLine("| scenario | endpoint | API req/s | API p50 ms | API p99 ms | API errors | SQL alone tx/s | SQL p50 ms | SQL p99 ms |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in rows) Console.WriteLine(row);
Console.WriteLine($"PHI audit rows written by the run: {audited.ToString(CultureInfo.InvariantCulture)}");
Directory.Delete(work, recursive: true);
return 0;
