using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Standards;

// Incidence from the registry, end to end: a synthetic state's county population imported as a SEER file, 1,000,000
// tumors COPYed into case_summary and patients, then the county x site group x sex table for 5 pooled years built from
// PostgreSQL (case counts GROUP BY, population cells, table building with suppression), timed with its split.
// Usage: dotnet build -c Release bench/TumorRegistry.Bench.IncidenceRegistry
//        dotnet bench/TumorRegistry.Bench.IncidenceRegistry/bin/Release/net10.0/TumorRegistry.Bench.IncidenceRegistry.dll [--tumors 1000000 --counties 100 --runs 5]
var tumorCount = ArgInt("--tumors", 1_000_000);
var counties = ArgInt("--counties", 100);
var runs = ArgInt("--runs", 5);

await using var scratch = await ScratchDatabase.CreateAsync("bench_incidence", durable: false, b => b.CommandTimeout = 0);
var cs = scratch.ConnectionString;
await using var db = NpgsqlDataSource.Create(cs);
var standards = NaaccrStandards.Default;

// The synthetic state (postal ZZ, FIPS 97), imported the way a registry imports SEER's file.
var options = new SyntheticPopulationOptions { Counties = counties, FirstYear = 2015, LastYear = 2022 };
var population = SyntheticPopulation.Generate(options);
var file = new StringWriter();
SeerPopulationFile.Write(file, population);
var sw = Stopwatch.StartNew();
var imported = await new PopulationStore(db).ImportAsync(new PopulationUpload("bench ZZ", PopulationFormats.Seer, new StringReader(file.ToString()), "bench"));
Console.WriteLine($"Population: {imported.Stored!.CellCount:N0} lines imported in {sw.Elapsed.TotalSeconds:F2} s.");

sw.Restart();
var loaded = await LoadTumorsAsync(db, population, options, tumorCount, standards);
await Exec("vacuum analyze case_summary");
await Exec("vacuum analyze patients");
Console.WriteLine($"Tumors: {loaded:N0} COPYed into case_summary and patients (plus vacuum analyze) in {sw.Elapsed.TotalSeconds:F1} s.");

var incidence = new RegistryIncidence(db, standards);
var query = new IncidenceQuery("ZZ", 2018, 2022, AreaLevel.County, BySex: true, ByRace: false, PeriodMode.Pooled, Sites: null,
    Threshold: 16, Standard: "us2000", Format: "json", Population: null);
Console.WriteLine("| run | total s | case counts SQL s | population SQL s | table build s | rows | suppressed |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
for (var run = 1; run <= runs; run++)
{
    var built = (IncidenceOutcome.Built)await incidence.BuildAsync(query);
    var t = built.Timings;
    Console.WriteLine($"| {run} | {t.Total.TotalSeconds:F2} | {t.CaseCountsSql.TotalSeconds:F2} | {t.PopulationSql.TotalSeconds:F2} | " +
        $"{t.TableBuild.TotalSeconds:F2} | {built.Table.Rows.Count:N0} | {built.Table.Rows.Count(r => r.Suppression != SuppressionMark.None):N0} |");
}

// The plan of the counting query under the same settings as RegistryCaseCounts.
await using (var conn = await db.OpenConnectionAsync())
await using (var tx = await conn.BeginTransactionAsync())
await using (var explain = new NpgsqlCommand("explain (analyze, buffers off, timing off) " + RegistryCaseCounts.Sql(filterSites: false, byRace: false), conn, tx))
{
    await new NpgsqlCommand("set local work_mem = '16MB'; set local jit = off", conn, tx).ExecuteNonQueryAsync();
    explain.Parameters.AddWithValue("state", "ZZ");
    explain.Parameters.AddWithValue("from", 2018);
    explain.Parameters.AddWithValue("to", 2022);
    await using var r = await explain.ExecuteReaderAsync();
    Console.WriteLine();
    while (await r.ReadAsync()) Console.WriteLine(r.GetString(0));
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

// One tumor per patient, residence drawn in proportion to county population; sites in roughly US proportions.
static async Task<int> LoadTumorsAsync(NpgsqlDataSource db, IReadOnlyList<PopulationRecord> population, SyntheticPopulationOptions o,
    int count, NaaccrStandards standards)
{
    (string Site, string Hist, string Beh, int Weight, string? Sex)[] sites =
    [
        ("C509", "8500", "3", 14, "2"), ("C619", "8140", "3", 11, "1"), ("C341", "8140", "3", 12, null), ("C180", "8140", "3", 8, null),
        ("C209", "8140", "3", 3, null), ("C445", "8720", "3", 5, null), ("C679", "8120", "3", 4, null), ("C679", "8120", "2", 2, null),
        ("C649", "8312", "3", 4, null), ("C779", "9680", "3", 4, null), ("C541", "8380", "3", 3, "2"), ("C259", "8500", "3", 3, null),
        ("C739", "8260", "3", 3, null), ("C421", "9861", "3", 2, null), ("C220", "8170", "3", 2, null), ("C019", "8070", "3", 2, null),
        ("C169", "8140", "3", 2, null), ("C569", "8441", "3", 1, "2"), ("C539", "8070", "3", 1, "2"), ("C719", "9440", "3", 1, null),
        ("C700", "9530", "0", 2, null),
    ];
    var recodes = sites.Select(s => standards.SiteRecode.Classify(s.Site, s.Hist, s.Beh, 2018)?.Recode).ToArray();
    var siteWeights = Cumulative(sites.Select(s => (double)s.Weight));
    var countyFips = population.Select(p => p.CountyFips).Distinct().Order().ToArray();
    var countyWeights = Cumulative(countyFips.Select(c => (double)population.Where(p => p.CountyFips == c && p.Year == o.FirstYear).Sum(p => p.Population)));
    string[] races = ["01", "01", "01", "01", "01", "01", "01", "02", "02", "03", "04", "05", "15", "96", "99"];
    string[] origins = ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "1", "2", "4", "7", "9"];
    var random = new Random(2026);

    await using var conn = await db.OpenConnectionAsync();
    await using var tx = await conn.BeginTransactionAsync();
    var now = DateTimeOffset.UtcNow;
    var rows = new List<(Guid Patient, string Sex, string Race, string Origin, string Dob, int BirthYear, int SiteIndex, string Dx, int Year, string County, int Age, bool Duplicate)>(count);
    for (var i = 0; i < count; i++)
    {
        var s = Pick(random, siteWeights);
        var sex = sites[s].Sex ?? (random.Next(2) == 0 ? "1" : "2");
        var age = Math.Min(99, 20 + (int)(80 * Math.Sqrt(random.NextDouble())));
        var year = o.FirstYear + random.Next(o.LastYear - o.FirstYear + 1);
        var dx = new DateOnly(year, 1, 1).AddDays(random.Next(365));
        var dob = dx.AddYears(-age).AddDays(-random.Next(1, 365));
        rows.Add((Guid.NewGuid(), sex, races[random.Next(races.Length)], origins[random.Next(origins.Length)], Naaccr(dob), dob.Year, s,
            Naaccr(dx), year, countyFips[Pick(random, countyWeights)], age, random.Next(100) == 0));
    }
    await using (var patients = await conn.BeginBinaryImportAsync(
        "copy patients (patient_id, sex, race1, spanish_hispanic_origin, date_of_birth, birth_year, version, items) from stdin (format binary)"))
    {
        foreach (var r in rows)
        {
            await patients.StartRowAsync();
            await patients.WriteAsync(r.Patient, NpgsqlDbType.Uuid);
            await patients.WriteAsync(r.Sex, NpgsqlDbType.Text);
            await patients.WriteAsync(r.Race, NpgsqlDbType.Text);
            await patients.WriteAsync(r.Origin, NpgsqlDbType.Text);
            await patients.WriteAsync(r.Dob, NpgsqlDbType.Text);
            await patients.WriteAsync(r.BirthYear, NpgsqlDbType.Integer);
            await patients.WriteAsync(1, NpgsqlDbType.Integer);
            await patients.WriteAsync("{}", NpgsqlDbType.Jsonb);
        }
        await patients.CompleteAsync();
    }
    await using (var cases = await conn.BeginBinaryImportAsync("""
        copy case_summary (case_id, patient_id, status, version, updated_at, primary_site, histology, behavior, date_of_diagnosis, dx_year,
            addr_at_dx_state, county_at_dx, site_recode_2023, error_count, failing_edits, overridden_edits, items, age_at_diagnosis,
            patient_sex, patient_race1, patient_spanish_hispanic_origin)
            from stdin (format binary)
        """))
    {
        var i = 0;
        foreach (var r in rows)
        {
            var site = sites[r.SiteIndex];
            await cases.StartRowAsync();
            await cases.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await cases.WriteAsync(r.Patient, NpgsqlDbType.Uuid);
            await cases.WriteAsync(r.Duplicate ? "duplicate" : "completed", NpgsqlDbType.Text);
            await cases.WriteAsync(5, NpgsqlDbType.Integer);
            await cases.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await cases.WriteAsync(site.Site, NpgsqlDbType.Text);
            await cases.WriteAsync(site.Hist, NpgsqlDbType.Text);
            await cases.WriteAsync(site.Beh, NpgsqlDbType.Text);
            await cases.WriteAsync(r.Dx, NpgsqlDbType.Text);
            await cases.WriteAsync(r.Year, NpgsqlDbType.Integer);
            await cases.WriteAsync(o.StatePostal, NpgsqlDbType.Text);
            await cases.WriteAsync(r.County, NpgsqlDbType.Text);
            if (recodes[r.SiteIndex] is { } recode) await cases.WriteAsync(recode, NpgsqlDbType.Text); else await cases.WriteNullAsync();
            await cases.WriteAsync(0, NpgsqlDbType.Integer);
            await cases.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await cases.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            // Half the abstracts carry Age at Diagnosis; the rest have it computed from the dates, as the projection does.
            var ageItem = i++ % 2 == 0 ? r.Age.ToString("D3", CultureInfo.InvariantCulture) : null;
            await cases.WriteAsync(ageItem is null ? "{}" : $"{{\"ageAtDiagnosis\": \"{ageItem}\"}}", NpgsqlDbType.Jsonb);
            if (Derived.AgeForStatistics(ageItem, r.Dob, r.Dx) is int age) await cases.WriteAsync(age, NpgsqlDbType.Integer);
            else await cases.WriteNullAsync();
            // The patient's items as the projection copies them onto the case (migration 0006).
            await cases.WriteAsync(r.Sex, NpgsqlDbType.Text);
            await cases.WriteAsync(r.Race, NpgsqlDbType.Text);
            await cases.WriteAsync(r.Origin, NpgsqlDbType.Text);
        }
        await cases.CompleteAsync();
    }
    await tx.CommitAsync();
    return rows.Count;

    static string Naaccr(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

static double[] Cumulative(IEnumerable<double> weights)
{
    var sum = 0.0;
    return weights.Select(w => sum += w).ToArray();
}

static int Pick(Random random, double[] cumulative)
{
    var x = random.NextDouble() * cumulative[^1];
    var i = Array.BinarySearch(cumulative, x);
    return i >= 0 ? i : Math.Min(~i, cumulative.Length - 1);
}
