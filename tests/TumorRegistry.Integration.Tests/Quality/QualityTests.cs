using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TumorRegistry.Api.Quality.Jobs;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Quality;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;
using static TumorRegistry.Integration.Tests.Quality.QualityScenario;

namespace TumorRegistry.Integration.Tests.Quality;

/// <summary>The web host on its own database with the scenario's population imported, its cases written and a small rate table.</summary>
public sealed class QualityApiFactory : IAsyncLifetime
{
    public RegistryApiFactory Api { get; } = new();
    public WebApplicationFactory<Program> Host { get; private set; } = null!;
    public QualityScenario Scenario { get; } = new();
    private readonly string _rates = Path.Combine(Path.GetTempPath(), $"quality-rates-{Guid.NewGuid():N}.csv");

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        await File.WriteAllTextAsync(_rates, Rates);
        Host = Api.WithWebHostBuilder(b => b.UseSetting(QualityReference.RatesSetting, _rates));
        var admin = Client(RegistryRoles.Admin);
        (await admin.PostAsync("/populations?format=seer&name=NM%202022-2023",
            new StringContent(PopulationFile, System.Text.Encoding.UTF8, "application/octet-stream"))).EnsureSuccessStatusCode();
        await Scenario.LoadAsync(Api.ConnectionString);
    }

    public HttpClient Client(string role = RegistryRoles.Manager, params string[] facilities) =>
        Host.As("quality.tester", [role], facilities);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await ((IAsyncLifetime)Api).DisposeAsync();
        File.Delete(_rates);
    }
}

public sealed class QualityTests(QualityApiFactory f) : IClassFixture<QualityApiFactory>
{
    private static async Task<JsonElement> Get(HttpClient client, string url) => await (await client.GetAsync(url)).Expect(HttpStatusCode.OK);

    private static JsonElement Indicator(JsonElement report, string id) =>
        report.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    private static bool? Mark(JsonElement indicator, string standard) =>
        indicator.GetProperty("marks").EnumerateArray().Single(m => m.GetProperty("standard").GetString() == standard).GetProperty("pass") is var p
            && p.ValueKind == JsonValueKind.Null ? null : p.GetBoolean();

    [Fact]
    public async Task The_planted_registry_gives_each_indicator_exactly_and_the_marks_follow_the_thresholds()
    {
        var body = await Get(f.Client(), "/quality?year=2023&state=NM");
        var registry = body.GetProperty("registry");
        // 50 streams of 2023, one marked as a duplicate: 49 records.
        Assert.Equal(49, registry.GetProperty("records").GetInt32());
        (int, double) Of(string id) => (Indicator(registry, id).GetProperty("numerator").GetInt32(), Indicator(registry, id).GetProperty("value").GetDouble());
        Assert.Equal((3, 300.0 / 49), Of("dco"));
        Assert.Equal((3, 300.0 / 49), Of("missing-race"));
        Assert.Equal((1, 100.0 / 49), Of("missing-age"));
        Assert.Equal((1, 100.0 / 49), Of("missing-sex"));
        Assert.Equal((1, 100.0 / 49), Of("missing-county"));
        Assert.Equal((1, 1000.0 / 49), Of("duplicates"));
        Assert.Equal((47, 4700.0 / 49), Of("passing-edits"));
        Assert.Equal((47, 4700.0 / 49), Of("timeliness-23"));
        Assert.Equal((44, 4400.0 / 49), Of("timeliness-12"));
        // 1 of 49 (2.04%) unknown age: fails Gold (< 2) and NPCR 24-month (<= 2), passes Silver (< 3) and NPCR 12-month (<= 3).
        var age = Indicator(registry, "missing-age");
        Assert.Equal([false, true, false, true], new[] { "naaccr-gold", "naaccr-silver", "npcr-24", "npcr-12" }.Select(s => Mark(age, s)));
        Assert.All(Indicator(registry, "dco").GetProperty("marks").EnumerateArray(), m => Assert.False(m.GetProperty("pass").GetBoolean()));
        // 95.9% within 23 months: Gold and NPCR (95%) pass; 89.8% within 12 months fails NPCR's 90%.
        Assert.True(Mark(Indicator(registry, "timeliness-23"), "naaccr-gold"));
        Assert.False(Mark(Indicator(registry, "timeliness-12"), "npcr-12"));
        // By facility: A has 29 records (21 marked), B 20.
        var facilities = body.GetProperty("facilities").EnumerateArray().ToDictionary(x => x.GetProperty("facility").GetString()!, x => x.GetProperty("report"));
        Assert.Equal([FacilityA, FacilityB], facilities.Keys);
        Assert.Equal(29, facilities[FacilityA].GetProperty("records").GetInt32());
        Assert.Equal(2, Indicator(facilities[FacilityA], "dco").GetProperty("numerator").GetInt32());
        Assert.Equal(1, Indicator(facilities[FacilityB], "dco").GetProperty("numerator").GetInt32());
        Assert.Equal(JsonValueKind.Null, Indicator(facilities[FacilityA], "completeness").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Completeness_equals_the_hand_computation_from_the_rate_table_and_the_population()
    {
        var cells = SeerPopulationFile.ToCells(Population).Where(c => c.Year == 2023).ToList();
        var men = cells.Where(c => c is { Sex: Sex.Male, AgeGroup: 14 }).Sum(c => c.Population);
        var women = cells.Where(c => c is { Sex: Sex.Female, AgeGroup: 14 }).Sum(c => c.Population);
        var expected = 500.0 * men / 100_000 + 300.0 * women / 100_000;
        var completeness = Indicator((await Get(f.Client(), "/quality?year=2023")).GetProperty("registry"), "completeness");
        Assert.Equal(expected, completeness.GetProperty("denominator").GetDouble(), 9);
        // Every record of 2023 is a New Mexico resident with a malignant tumor, the exact duplicate included.
        Assert.Equal(49, completeness.GetProperty("numerator").GetInt32());
        Assert.Equal(100.0 * 49 / expected, completeness.GetProperty("value").GetDouble(), 9);
        // A manager of facility A alone does not get a completeness against the whole state's expectation.
        var scoped = await Get(f.Client(RegistryRoles.Manager, FacilityA), "/quality?year=2023");
        Assert.Equal(29, scoped.GetProperty("registry").GetProperty("records").GetInt32());
        Assert.Equal(JsonValueKind.Null, Indicator(scoped.GetProperty("registry"), "completeness").GetProperty("value").ValueKind);
        Assert.Single(scoped.GetProperty("facilities").EnumerateArray());
    }

    [Fact]
    public async Task Every_number_opens_its_list_by_facility_and_abstractor()
    {
        var s = f.Scenario;
        async Task<(List<Guid> Cases, JsonElement Body)> List(string query)
        {
            var body = await Get(f.Client(), "/quality/cases?year=2023&" + query);
            return (body.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid()).Order().ToList(), body);
        }
        List<Guid> Planted(params int[] i) => i.Select(n => s.Cases[n]).Order().ToList();
        var (dco, body) = await List("indicator=dco");
        Assert.Equal(Planted(0, 1, 30), dco);
        Assert.Equal(["0000000101/ann/2", "0000000202/cy/1"], body.GetProperty("workload").EnumerateArray()
            .Select(w => $"{w.GetProperty("facility").GetString()}/{w.GetProperty("abstractor").GetString()}/{w.GetProperty("cases").GetInt32()}"));
        Assert.Equal(Planted(2, 16, 31), (await List("indicator=missing-race")).Cases);
        Assert.Equal(Planted(16), (await List($"indicator=missing-race&facility={FacilityA}&abstractor=bob")).Cases);
        Assert.Equal(Planted(3), (await List("indicator=missing-age")).Cases);
        Assert.Equal(Planted(4), (await List("indicator=missing-sex")).Cases);
        Assert.Equal(Planted(17), (await List("indicator=missing-county")).Cases);
        Assert.Equal(Planted(3, 18), (await List("indicator=passing-edits")).Cases);
        Assert.Equal(Planted(5, 6), (await List("indicator=timeliness-23")).Cases);
        Assert.Equal(Planted(5, 6, 32, 33, 34), (await List("indicator=timeliness-12")).Cases);
        var (duplicates, dupBody) = await List("indicator=duplicates");
        Assert.Equal(Planted(19), duplicates);
        Assert.Equal(s.Cases[20], dupBody.GetProperty("cases")[0].GetProperty("duplicateOf").GetGuid());
        // Lists are identified data: each listed record is in the PHI audit.
        await using var db = NpgsqlDataSource.Create(f.Api.ConnectionString);
        Assert.True((long)(await db.ScalarAsync($"select count(*) from phi_audit where case_id = '{s.Cases[19]}' and action like '%/quality/cases%'"))! >= 1);
        // A bad indicator names itself.
        var bad = await (await f.Client().GetAsync("/quality/cases?year=2023&indicator=dcox")).Expect(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("indicator", out _));
    }

    [Fact]
    public async Task The_html_report_marks_each_threshold_and_links_each_number_to_its_list()
    {
        var response = await f.Client(RegistryRoles.Admin).GetAsync("/quality?year=2023&format=html");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        var dcoRow = html.Split('\n').Single(l => l.StartsWith("<tr><td>Death certificate only", StringComparison.Ordinal));
        Assert.Contains("6.1%", dcoRow);
        Assert.Contains("href=\"/quality/cases?indicator=dco&amp;from=2023&amp;to=2023\">3</a>", dcoRow);
        Assert.Equal(3, dcoRow.Split("✘ fail").Length - 1); // Gold, Silver and NPCR 24-month; the 12-month standard has no DCO criterion
        var ageRow = html.Split('\n').Single(l => l.StartsWith("<tr><td>Age unknown", StringComparison.Ordinal));
        Assert.Contains("<td class=\"fail\">✘ fail (&lt; 2%)</td><td class=\"pass\">✔ pass (&lt; 3%)</td>", ageRow);
        // Each facility's number opens that facility's list: B's DCO is 1 of 20 records.
        Assert.Contains("<a href=\"/quality/cases?indicator=dco&amp;from=2023&amp;to=2023&amp;facility=0000000202\">5.0%</a>", html);
    }

    [Fact]
    public async Task The_trend_gives_each_of_the_last_ten_years()
    {
        var trend = (await Get(f.Client(), "/quality/trend?to=2023")).EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(2014, 10), trend.Select(y => y.GetProperty("year").GetInt32()));
        var y2022 = trend.Single(y => y.GetProperty("year").GetInt32() == 2022).GetProperty("report");
        Assert.Equal(1, y2022.GetProperty("records").GetInt32());
        Assert.Equal(49, trend[^1].GetProperty("report").GetProperty("records").GetInt32());
        // 2014 has no population: no expected count, nothing judged.
        Assert.Equal(JsonValueKind.Null, Indicator(trend[0].GetProperty("report"), "completeness").GetProperty("value").ValueKind);
        // As a table: DCO of 2023 (6.1%) misses every standard; 2022's one record is no DCO and meets them.
        var html = await (await f.Client().GetAsync("/quality/trend?to=2023&format=html")).Content.ReadAsStringAsync();
        var dco = html.Split('\n').Single(l => l.StartsWith("<tr><td>Death certificate only", StringComparison.Ordinal));
        Assert.EndsWith("<td class=\"n pass\">0.0% ✔</td><td class=\"n fail\" title=\"misses NAACCR Gold, NAACCR Silver, NPCR National (24-month)\">6.1% ✘</td></tr>", dco);
    }

    [Fact]
    public async Task The_monthly_snapshot_is_idempotent_per_month()
    {
        await using var db = NpgsqlDataSource.Create(f.Api.ConnectionString);
        var services = f.Host.Services;
        var clock = new ManualClock(new DateTimeOffset(2024, 6, 1, 3, 0, 0, TimeSpan.Zero));
        QualitySnapshotJob Job() => new(new RegistryQuality(services.GetRequiredService<QualityReader>(), services.GetRequiredService<QualityReference>(), clock),
            db, clock, new ConfigurationBuilder().Build(), NullLogger<QualitySnapshotJob>.Instance);
        var written = await Job().SnapshotAsync("job-1", CancellationToken.None);
        async Task<long> Rows(string month) => (long)(await db.ScalarAsync($"select count(*) from quality_snapshots where month = '{month}'"))!;
        Assert.Equal(written, await Rows("2024-06-01"));
        clock.Now = clock.Now.AddDays(20);
        await Job().SnapshotAsync("job-2", CancellationToken.None);
        Assert.Equal(written, await Rows("2024-06-01"));
        Assert.Equal("job-2", await db.ScalarAsync("select distinct job_id from quality_snapshots where month = '2024-06-01'"));
        // Snapshot of June 2024 covers diagnosis years 2021-2023: DCO of 2023 for the registry is 3 of 49.
        Assert.Equal(3, await db.ScalarAsync("select numerator from quality_snapshots where month = '2024-06-01' and dx_year = 2023 and facility = 'all' and indicator = 'dco'"));
        clock.Now = new DateTimeOffset(2024, 7, 1, 3, 0, 0, TimeSpan.Zero);
        await Job().SnapshotAsync("job-3", CancellationToken.None);
        Assert.Equal(written, await Rows("2024-07-01"));
        var rows = await Get(f.Client(), "/quality/snapshots?from=2024-06&to=2024-07");
        Assert.Equal(new[] { "2024-06-01", "2024-07-01" }, rows.EnumerateArray().Select(r => r.GetProperty("month").GetString()).Distinct());
        // The host registered the recurring job, monthly.
        Assert.Equal("0 3 1 * *", await db.ScalarAsync("select value from hangfire.hash where key = 'recurring-job:quality-snapshot' and field = 'Cron'"));
    }
}
