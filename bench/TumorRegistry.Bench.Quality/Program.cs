using TumorRegistry.Infrastructure.Synthetic;
using TumorRegistry.Synthetic;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TumorRegistry.Api.Demo;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Quality;
using TumorRegistry.Standards;

// Data quality indicators for the demo registry: the demo's synthetic state (population imported as a SEER file) and its
// made-up cases (8,000 tumors, 2015-2022) bulk-appended as events and projected as the demo does, then, for one diagnosis
// year, the plain count of its cases beside the whole indicator build (records with their first event, population,
// expected count, every indicator for the registry and each facility), timed in the same run.
// Usage: dotnet build -c Release bench/TumorRegistry.Bench.Quality
//        dotnet bench/TumorRegistry.Bench.Quality/bin/Release/net10.0/TumorRegistry.Bench.Quality.dll [--tumors 50000 --year 2024 --runs 5]
var tumors = ArgInt("--tumors", new SyntheticOptions().Tumors);
var year = ArgInt("--year", new SyntheticOptions().LastYear);
var runs = ArgInt("--runs", 5);

await using var scratch = await ScratchDatabase.CreateAsync("bench_quality", durable: false, b => b.CommandTimeout = 0);
var cs = scratch.ConnectionString;
await using var db = NpgsqlDataSource.Create(cs);

var sw = Stopwatch.StartNew();
var options = new SyntheticOptions { Tumors = tumors };
await SyntheticLoader.ImportDenominatorsAsync(new PopulationStore(db), options, "bench");
var projections = CaseProjections.Create();
await using (var store = RegistryStore.Create(cs, projections: projections))
    await new SyntheticLoader(new RegistryEvents(store), new ProjectionRebuilder(store, projections)).LoadAsync(options);
await Exec("vacuum analyze case_summary");
await Exec("vacuum analyze patients");
Console.WriteLine($"Demo registry: {tumors:N0} tumors loaded and projected in {sw.Elapsed.TotalSeconds:F1} s.");

var reader = new QualityReader(db, new IncidenceSiteGroups(NaaccrStandards.Default.SiteRecode));
var quality = new RegistryQuality(reader, QualityReference.Load(), TimeProvider.System);
Console.WriteLine($"| run | count(*) of {year} ms | cases | indicators ms | of which records SQL ms | population SQL ms | records | facilities | completeness % | DCO % |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (var run = 1; run <= runs; run++)
{
    sw.Restart();
    await using var count = db.CreateCommand("select count(*) from case_summary where dx_year = $1");
    count.Parameters.AddWithValue(year);
    var cases = (long)(await count.ExecuteScalarAsync())!;
    var countMs = sw.Elapsed.TotalMilliseconds;
    sw.Restart();
    var result = await quality.BuildAsync(year, year, null, _ => true, allFacilities: true);
    var buildMs = sw.Elapsed.TotalMilliseconds;
    // The two queries the build makes, timed alone right after it.
    sw.Restart();
    await reader.RecordsAsync(year, year, "NM");
    var recordsMs = sw.Elapsed.TotalMilliseconds;
    sw.Restart();
    await reader.PopulationAsync("NM", year, year);
    var populationMs = sw.Elapsed.TotalMilliseconds;
    string V(string id) => result.Registry[id].Value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine($"| {run} | {countMs:F1} | {cases:N0} | {buildMs:F1} | {recordsMs:F1} | {populationMs:F1} | {result.Registry.Records:N0} | {result.Facilities.Count} | {V("completeness")} | {V("dco")} |");
}
return;

async Task Exec(string sql)
{
    await using var cmd = db.CreateCommand(sql);
    await cmd.ExecuteNonQueryAsync();
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
