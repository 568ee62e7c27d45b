using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>The nightly follow-up snapshot job, run through Hangfire (storage in the registry database's hangfire schema) on a real database.</summary>
[Collection(nameof(HangfireJobTests))]
public sealed class FollowUpSnapshotJobTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    private const string FacilityA = "0000000030";
    private const string FacilityB = "0000000040";
    // Generous: the whole suite runs beside these tests on 2 cores.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Running_the_job_through_Hangfire_snapshots_the_due_list_and_rates_once_per_facility_and_day()
    {
        var registrar = registry.Registrar("alice");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Naaccr(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Facility A: lost (contact 20 months ago), due (13 months ago), recently contacted. Facility B: due, and a class 32 case.
        var lost = await registrar.PatientAsync("00000501", Naaccr(today.AddMonths(-20)));
        await registrar.CaseAsync(lost, FacilityA, Naaccr(today.AddYears(-3)), "14");
        var due = await registrar.PatientAsync("00000502", Naaccr(today.AddMonths(-13)));
        await registrar.CaseAsync(due, FacilityA, Naaccr(today.AddYears(-2)), "10");
        var recent = await registrar.PatientAsync("00000503", Naaccr(today.AddMonths(-1)));
        await registrar.CaseAsync(recent, FacilityA, Naaccr(today.AddYears(-4)), "14");
        var dueB = await registrar.PatientAsync("00000504", Naaccr(today.AddMonths(-14)));
        await registrar.CaseAsync(dueB, FacilityB, Naaccr(today.AddYears(-2)), "14");
        var notAnalytic = await registrar.PatientAsync("00000505", Naaccr(today.AddMonths(-30)));
        await registrar.CaseAsync(notAnalytic, FacilityB, Naaccr(today.AddYears(-2)), "32");

        // Who is not a manager does not run the job.
        var epidemiologist = registry.Anonymous();
        epidemiologist.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestPrincipals.Token("epi.jobs", ["epidemiologist"], ["*"]));
        var refused = await epidemiologist.PostAsync("/follow-up/snapshots/run", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty((await registrar.GetJson("/follow-up/snapshots")).EnumerateArray());

        await (await registrar.PostAsync("/follow-up/snapshots/run", null)).Expect(HttpStatusCode.Accepted);
        var first = await WaitForSnapshotsAsync(registrar, 3, DateTimeOffset.MinValue);
        Assert.Equal(["all", FacilityA, FacilityB], first.Select(s => s.GetProperty("facility").GetString()!).ToArray());
        var asOf = first[0].GetProperty("asOf").GetString()!;
        var referenceYear = first[0].GetProperty("referenceYear").GetInt32();
        Assert.Equal(today.Year - 5, referenceYear);
        Assert.All(first, s => Assert.Equal(asOf, s.GetProperty("asOf").GetString()));
        Assert.All(first, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("jobInstanceId").GetString())));

        // The counts are the due list's and the rates' for the same date.
        var rates = await registrar.GetJson($"/follow-up/rates?asOf={asOf}&referenceYear={referenceYear}");
        var rateRows = rates.GetProperty("facilities").EnumerateArray().ToDictionary(f => f.GetProperty("reportingFacility").GetString()!);
        foreach (var snapshot in first)
        {
            var facility = snapshot.GetProperty("facility").GetString()!;
            var list = await registrar.GetJson($"/follow-up/due?asOf={asOf}&pageSize=500" + (facility == "all" ? "" : $"&facility={facility}"));
            var cases = list.GetProperty("cases").EnumerateArray().ToList();
            Assert.Equal(list.GetProperty("total").GetInt32(), snapshot.GetProperty("dueCount").GetInt32());
            Assert.Equal(cases.Count(c => c.GetProperty("lost").GetBoolean()), snapshot.GetProperty("lostCount").GetInt32());
            var expected = facility == "all" ? rates : rateRows[facility];
            Assert.Equal(RateOf(expected, "sinceReferenceYear"), RateOf(snapshot, "sinceReferenceYear"));
            Assert.Equal(RateOf(expected, "lastFiveYears"), RateOf(snapshot, "lastFiveYears"));
        }
        // Hand-counted: A has the lost and the due case, B one due case; A follows 2 of 3 (the lost one is not followed).
        Assert.Equal((3, 1), (first[0].GetProperty("dueCount").GetInt32(), first[0].GetProperty("lostCount").GetInt32()));
        Assert.Equal((2, 1), (first[1].GetProperty("dueCount").GetInt32(), first[1].GetProperty("lostCount").GetInt32()));
        Assert.Equal((3, 2, 2.0 / 3), RateOf(first[1], "sinceReferenceYear"));
        Assert.Equal((1, 0), (first[2].GetProperty("dueCount").GetInt32(), first[2].GetProperty("lostCount").GetInt32()));

        // A second run the same day replaces the day's rows: still one per facility, taken later.
        var takenAt = first.Max(s => s.GetProperty("takenAt").GetDateTimeOffset());
        await (await registrar.PostAsync("/follow-up/snapshots/run", null)).Expect(HttpStatusCode.Accepted);
        var second = await WaitForSnapshotsAsync(registrar, 3, takenAt);
        Assert.Equal(["all", FacilityA, FacilityB], second.Select(s => s.GetProperty("facility").GetString()!).ToArray());
        Assert.Equal("3", await registry.ScalarTextAsync("select count(*)::text from follow_up_snapshots"));

        // Filters: by facility and by date.
        Assert.Equal([FacilityB], (await registrar.GetJson($"/follow-up/snapshots?facility={FacilityB}")).EnumerateArray()
            .Select(s => s.GetProperty("facility").GetString()!).ToArray());
        Assert.Empty((await registrar.GetJson($"/follow-up/snapshots?to={today.AddDays(-1):yyyy-MM-dd}")).EnumerateArray());
        Assert.Equal(3, (await registrar.GetJson($"/follow-up/snapshots?from={asOf}&to={asOf}")).GetArrayLength());
        var problem = await (await registrar.GetAsync("/follow-up/snapshots?from=yesterday")).Expect(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _), problem.ToString());
    }

    [Fact]
    public async Task Hangfire_keeps_the_recurring_snapshot_job_in_its_own_schema_of_the_registry_database()
    {
        registry.CreateClient().Dispose(); // the host (and its Hangfire server) is started
        var tables = (await registry.ScalarTextAsync(
            "select string_agg(table_name, ',' order by table_name) from information_schema.tables where table_schema = 'hangfire'"))!.Split(',');
        Assert.Contains("job", tables);
        Assert.Contains("jobqueue", tables);
        Assert.Contains("lock", tables);
        Assert.Contains("server", tables);
        Assert.Equal("0", await registry.ScalarTextAsync(
            "select count(*)::text from information_schema.tables where table_schema = 'public' and table_name in ('job', 'jobqueue', 'lock', 'server')"));
        Assert.Equal("date-edits,follow-up-due-list,follow-up-escalation,follow-up-lost,follow-up-rates-monthly,follow-up-snapshot,linkage-dedup,quality-snapshot", await registry.ScalarTextAsync("select string_agg(value, ',' order by value) from hangfire.set where key = 'recurring-jobs'"));
        Assert.Equal("0 2 * * *", await registry.ScalarTextAsync(
            "select value from hangfire.hash where key = 'recurring-job:follow-up-snapshot' and field = 'Cron'"));
        Assert.Equal(TimeZoneInfo.Local.Id, await registry.ScalarTextAsync(
            "select value from hangfire.hash where key = 'recurring-job:follow-up-snapshot' and field = 'TimeZoneId'"));
    }

    [Fact]
    public async Task Two_service_processes_started_at_once_on_one_database_both_start_and_share_one_job_storage()
    {
        var cs = await TestPostgres.CreateDatabaseAsync(migrate: false); // empty: both migrate and prepare Hangfire's schema at once
        await using var one = new SharedDatabaseHost(cs);
        await using var two = new SharedDatabaseHost(cs);
        var clients = await Task.WhenAll(Task.Run(() => one.Registrar("alice")), Task.Run(() => two.Registrar("bob")));
        foreach (var client in clients)
            Assert.Equal(JsonValueKind.Array, (await client.GetJson("/follow-up/snapshots")).ValueKind);

        // Both Hangfire servers announce themselves in the shared storage.
        await using var db = NpgsqlDataSource.Create(cs);
        var deadline = DateTime.UtcNow + Patience;
        long servers = 0;
        while (DateTime.UtcNow < deadline && (servers = await CountAsync(db, "select count(*) from hangfire.server")) < 2)
            await Task.Delay(200);
        Assert.Equal(2, servers);
        Assert.Equal(1, await CountAsync(db, "select count(*) from hangfire.schema"));
        // Each recurring job (the snapshots, the nightly date edits and the three follow-up workflow jobs, the monthly quality snapshot, the weekly linkage duplicate search) is defined once,
        // though both processes register it.
        Assert.Equal(8, await CountAsync(db, "select count(*) from hangfire.set where key = 'recurring-jobs'"));

        // A run requested on one process is run once, by some server.
        await (await clients[1].PostAsync("/follow-up/snapshots/run", null)).Expect(HttpStatusCode.Accepted);
        var rows = await WaitForSnapshotsAsync(clients[0], 1, DateTimeOffset.MinValue);
        Assert.Equal("all", Assert.Single(rows).GetProperty("facility").GetString());
        Assert.Equal(1, await CountAsync(db, "select count(*) from follow_up_snapshot_runs"));
    }

    private static async Task<List<JsonElement>> WaitForSnapshotsAsync(HttpClient client, int count, DateTimeOffset takenAfter)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var rows = (await client.GetJson("/follow-up/snapshots")).EnumerateArray().ToList();
            if (rows.Count == count && rows.All(r => r.GetProperty("takenAt").GetDateTimeOffset() > takenAfter)) return rows;
            Assert.True(DateTime.UtcNow < deadline, $"No {count} snapshot rows after {takenAfter:O} within {Patience}: {rows.Count} rows.");
            await Task.Delay(200);
        }
    }

    private static (int, int, double?) RateOf(JsonElement e, string rate)
    {
        if (e.TryGetProperty(rate, out var r))
            return (r.GetProperty("cases").GetInt32(), r.GetProperty("followed").GetInt32(),
                r.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : r.GetProperty("rate").GetDouble());
        var prefix = rate == "sinceReferenceYear" ? "sinceReferenceYear" : "lastFiveYears";
        var value = e.GetProperty(prefix + "Rate");
        return (e.GetProperty(prefix + "Cases").GetInt32(), e.GetProperty(prefix + "Followed").GetInt32(),
            value.ValueKind == JsonValueKind.Null ? null : value.GetDouble());
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A service process on a database another host uses too (a second Hangfire server on the same storage).</summary>
    private sealed class SharedDatabaseHost(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            // A short queue poll (production: 15 s) so the run is picked up in a moment.
            builder.UseSetting(RegistryDatabase.ConnectionVariable, connectionString).UseSetting("Jobs:QueuePollInterval", "00:00:00.500")
                .UseTestIdentityProvider();
    }
}

internal static class SnapshotTables
{
    public static async Task<string?> ScalarTextAsync(this RegistryApiFactory registry, string sql)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        return (await cmd.ExecuteScalarAsync()) as string;
    }
}
