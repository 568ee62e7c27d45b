using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace TumorRegistry.Bench.Api;

/// <summary>One measured path: the wrk script that drives the API and the SQL that the baseline sends.</summary>
public sealed record Scenario(string Label, string Endpoint, string Script, Dictionary<string, string> Environment, string BaselineSql);

public sealed record Measured(long Requests, double Seconds, long Errors, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;
}

public sealed record Floor(double PerSecond, double P50Ms, double P99Ms);

/// <summary>The completed cases the load is spread over, as files for wrk and as the table bench.pool for pgbench.</summary>
public sealed record Pool(int Size, string CaseIdsFile, string CaseVersionsFile)
{
    public static async Task<Pool> WriteAsync(NpgsqlDataSource db, string work, int size)
    {
        await using (var cmd = db.CreateCommand($"""
            create schema if not exists bench;
            create table bench.pool as
              select row_number() over (order by c.case_id)::int as n, c.case_id, c.patient_id
              from case_summary c where c.status = 'completed' order by c.case_id limit {size};
            create unique index on bench.pool (n);
            -- The write baseline's own copy of a stream table and an event table (same keys as Marten's), so it
            -- writes what an append writes without touching the registry's streams.
            create table bench.streams as select s.id, s.version from marten.mt_streams s join bench.pool p on p.case_id = s.id;
            alter table bench.streams add primary key (id);
            create table bench.events (seq_id bigint generated always as identity primary key, id uuid not null,
              stream_id uuid not null references bench.streams (id), version int not null, data jsonb not null, type text not null,
              timestamp timestamptz not null, user_name text, headers jsonb, unique (stream_id, version));
            """)) await cmd.ExecuteNonQueryAsync();
        var pool = new Pool(0, Path.Combine(work, "case-ids.txt"), Path.Combine(work, "case-versions.txt"));
        return pool with { Size = await pool.RefreshAsync(db) };
    }

    /// <summary>Writes each case's id and current stream version (wrk's write script starts from these).</summary>
    public async Task<int> RefreshAsync(NpgsqlDataSource db)
    {
        var ids = new List<string>();
        var versions = new List<string>();
        await using (var cmd = db.CreateCommand("select p.case_id, s.version from bench.pool p join marten.mt_streams s on s.id = p.case_id order by p.n"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                ids.Add(r.GetGuid(0).ToString());
                versions.Add($"{r.GetGuid(0)} {r.GetInt64(1)}");
            }
        if (ids.Count < 100) throw new InvalidOperationException($"Only {ids.Count} completed cases to load-test with.");
        await File.WriteAllLinesAsync(CaseIdsFile, ids);
        await File.WriteAllLinesAsync(CaseVersionsFile, versions);
        return ids.Count;
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

public static class Wrk
{
    public static async Task<Measured> RunAsync(string wrk, string baseUrl, string luaDir, Scenario s, string key, int seconds,
        int connections, int threads, Pool pool)
    {
        var env = new Dictionary<string, string>(s.Environment)
        {
            ["BENCH_KEY"] = key, ["BENCH_LUA"] = luaDir, ["BENCH_THREADS"] = threads.ToString(CultureInfo.InvariantCulture),
            ["BENCH_REFUSED"] = Path.Combine(Path.GetDirectoryName(pool.CaseIdsFile)!, "refused.txt"),
        };
        File.Delete(env["BENCH_REFUSED"]);
        var output = await Tools.RunAsync(wrk, ["-t", threads.ToString(), "-c", Math.Max(connections, threads).ToString(), "-d", $"{seconds}s",
            "--timeout", "10s", "-s", Path.Combine(luaDir, s.Script), baseUrl], env);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"wrk printed no result: {output}");
        var json = JsonDocument.Parse(line[6..]).RootElement;
        if (File.Exists(env["BENCH_REFUSED"]))
            foreach (var refused in File.ReadLines(env["BENCH_REFUSED"])) Console.Error.WriteLine($"refused: {refused}");
        long L(string name) => json.GetProperty(name).GetInt64();
        return new Measured(L("requests"), L("durationUs") / 1e6, L("non2xx") + L("socketErrors"), L("p50Us") / 1000.0, L("p99Us") / 1000.0);
    }
}

public static class PgBench
{
    public static async Task<Floor> RunAsync(string pgbench, string connectionString, string work, Scenario s, Pool pool, int seconds,
        int connections, int threads)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var script = Path.Combine(work, $"baseline-{Math.Abs(s.Label.GetHashCode())}.sql");
        await File.WriteAllTextAsync(script, s.BaselineSql);
        var logs = Directory.CreateDirectory(Path.Combine(work, $"pgbench-{Guid.NewGuid():N}")).FullName;
        var env = new Dictionary<string, string> { ["PGPASSWORD"] = b.Password ?? "" };
        var output = await Tools.RunAsync(pgbench, ["-h", b.Host!, "-p", b.Port.ToString(), "-U", b.Username!, "-n", "-M", "prepared",
            "-c", connections.ToString(), "-j", threads.ToString(), "-T", seconds.ToString(), "-D", $"pool={pool.Size}",
            "-f", script, "-l", "--log-prefix", Path.Combine(logs, "tx"), b.Database!], env);
        // Per-transaction log: client, transaction, latency in microseconds, script, epoch s, epoch us.
        var latencies = Directory.GetFiles(logs).SelectMany(File.ReadLines)
            .Select(l => long.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).Order().ToArray();
        if (latencies.Length == 0) throw new InvalidOperationException($"pgbench ran no transaction: {output}");
        double P(double q) => latencies[(int)Math.Min(latencies.Length - 1, Math.Ceiling(q * latencies.Length) - 1)] / 1000.0;
        return new Floor(latencies.Length / (double)seconds, P(0.5), P(0.99));
    }
}

/// <summary>The SQL each endpoint sends, written for pgbench (the audit insert included, as the API does it).</summary>
public static class Baseline
{
    public const string ReadCase = """
        \set n random(1, :pool)
        select data from marten.mt_events where stream_id = (select case_id from bench.pool where n = :n) order by version;
        select data from marten.mt_events where stream_id = (select patient_id from bench.pool where n = :n) order by version;
        insert into phi_audit (user_name, patient_id, case_id, action, outcome) select 'bench.sql', patient_id, case_id, 'GET /cases/{caseId}', 'ok' from bench.pool where n = :n;
        """;

    public const string WriteCase = """
        \set n random(1, :pool)
        begin;
        select data from marten.mt_events where stream_id = (select case_id from bench.pool where n = :n) order by version;
        update bench.streams s set version = s.version + 1 from bench.pool p where p.n = :n and s.id = p.case_id returning s.id as sid, s.version as v \gset
        insert into bench.events (id, stream_id, version, data, type, timestamp, user_name, headers) values (gen_random_uuid(), :sid::uuid, :v::int, '{"items":{"textRemarks":"load test"},"reason":"API load benchmark"}', 'items_corrected', now(), 'bench.sql', '{"reason":"API load benchmark"}');
        insert into phi_audit (user_name, case_id, action, outcome) values ('bench.sql', :sid::uuid, 'POST /cases/{caseId}/corrections', 'ok');
        commit;
        """;

    public const string Worklist = """
        select count(*) from case_summary where status = 'open';
        select case_id, patient_id, status, version, reporting_facility, abstracted_by, updated_at, primary_site, histology, date_of_diagnosis, error_count from case_summary where status = 'open' order by updated_at, case_id limit 50 offset 0;
        insert into phi_audit (user_name, action, outcome) values ('bench.sql', 'GET /worklists', 'ok');
        """;

    public const string Survival = """
        select c.case_id, c.date_of_diagnosis, p.date_of_last_contact, p.vital_status, c.type_of_reporting_source, p.cause_of_death, c.site_recode_2023, c.sequence_number, p.sex, p.race1, c.summary_stage_2018 from case_summary c join patients p on p.patient_id = c.patient_id where c.status <> 'duplicate';
        """;
}

/// <summary>One request of each scenario by hand before wrk, so a refused request stops the run with its status.</summary>
public static class Preflight
{
    public static async Task CheckAsync(string baseUrl, string key, Scenario s, Pool pool)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var id = (await File.ReadAllLinesAsync(pool.CaseIdsFile))[0];
        var path = s.Environment.TryGetValue("BENCH_PATH", out var p) ? p : "/cases/" + id;
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{s.Label}: GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
