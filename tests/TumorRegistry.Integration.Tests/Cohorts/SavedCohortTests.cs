using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Infrastructure.Cohorts;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Survival;
using TumorRegistry.Integration.Tests.Incidence;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cohorts;

/// <summary>A saved cohort gives the same cases through survival, incidence, its ID set and the NAACCR export.</summary>
public sealed class SavedCohortTests(IncidenceApiFactory fx) : IClassFixture<IncidenceApiFactory>
{
    static readonly Dictionary<string, string> Definition = new()
    {
        ["site"] = "Lung and Bronchus", ["state"] = "NM", ["county"] = "001", ["behavior"] = "3", ["years"] = "2018-2020",
        ["sex"] = "2", ["age"] = "50-79", ["histology"] = "8000-8199",
    };

    // The same criteria in LINQ over the scenario's own list (not the SQL under test).
    static int Expected => IncidenceScenario.Tumors.Count(t => t.Site.StartsWith("C34") && t.State == "NM" && t.County == "001"
        && t.Behavior == "3" && t.Year is >= 2018 and <= 2020 && t.Sex == "2" && !t.UnknownAge && t.Age is >= 50 and <= 79
        && string.CompareOrdinal(t.Histology, "8000") >= 0 && string.CompareOrdinal(t.Histology, "8199") <= 0 && !t.Duplicate);

    async Task SaveAsync(string name)
    {
        var response = await fx.Client.PostAsJsonAsync("/cohorts?replace=true", new { name, description = "women, lung, Bernalillo", definition = Definition });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Survival_incidence_the_case_id_set_and_the_export_hold_the_same_cases()
    {
        await SaveAsync("lung-women-001");
        Assert.True(Expected > 10);

        var survival = JsonDocument.Parse(await fx.Client.GetStringAsync("/survival/observed?cohort=lung-women-001&cutoff=2024-12-31")).RootElement;
        Assert.Equal(Expected, survival.GetProperty("cohort").GetProperty("casesRead").GetInt32());
        Assert.StartsWith("lung-women-001 (version", survival.GetProperty("provenance").GetProperty("savedCohort").GetString());

        var response = await fx.Client.GetAsync("/incidence?state=NM&from=2018&to=2020&area=state&threshold=0&cohort=lung-women-001");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var rows = JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("areaFips").GetString() == "35" && r.GetProperty("sex").GetString() == IncidenceTable.BothSexes
                && r.GetProperty("raceEthnicity").GetString() == "All races").ToList();
        Assert.Equal(Expected, rows.Single(r => r.GetProperty("siteGroup").GetString() == IncidenceSiteGroups.AllSites).GetProperty("count").GetInt64());
        Assert.True(long.Parse(response.Headers.GetValues("X-Registry-Sequence").Single()) > 0);
        Assert.Contains("\"savedCohort\"", body);

        // The ID set (what NAACCR export will call) is the same set the survival query reads.
        await using var db = NpgsqlDataSource.Create(fx.Api.ConnectionString);
        var store = new SavedCohortStore(db, StratumLabels.Default);
        var (cohort, errors) = store.Resolve((await store.FindAsync("lung-women-001"))!.Definition);
        Assert.Empty(errors);
        var ids = await store.CaseIdsAsync(cohort!);
        var read = (await new SurvivalReports(db, StratumLabels.Default).ReadCasesAsync(cohort!)).Select(c => Guid.Parse(c.Id)).Order().ToList();
        Assert.Equal(Expected, ids.Count);
        Assert.Equal(ids, read);

        // The NAACCR export of the saved cohort writes exactly those cases.
        using var file = new MemoryStream();
        var exported = await new TumorRegistry.Infrastructure.Exchange.NaaccrExporter(db, TumorRegistry.Standards.NaaccrStandards.Default).ExportAsync(
            new TumorRegistry.Infrastructure.Exchange.NaaccrExportRequest(new TumorRegistry.Infrastructure.Exchange.NaaccrCohort { SavedCohort = "lung-women-001" })
            {
                Format = TumorRegistry.Infrastructure.Exchange.NaaccrExportFormat.Csv, CsvItems = ["primarySite", "dateOfDiagnosis"],
            }, file);
        Assert.Equal(Expected, exported.Tumors);
        var lines = System.Text.Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Expected + 1, lines.Length);
    }

    [Fact]
    public async Task Definitions_are_checked_by_the_report_parser_and_names_are_not_overwritten_by_accident()
    {
        var bad = await fx.Client.PostAsJsonAsync("/cohorts", new { name = "bad", definition = new Dictionary<string, string> { ["stage"] = "5", ["colour"] = "red" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("definition.colour", out _));
        Assert.Equal(0L, await NpgsqlDataSource.Create(fx.Api.ConnectionString).ScalarAsync("select count(*) from saved_cohorts where name = 'bad'"));

        var first = await fx.Client.PostAsJsonAsync("/cohorts", new { name = "once", definition = new Dictionary<string, string> { ["stage"] = "1" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await fx.Client.PostAsJsonAsync("/cohorts", new { name = "once", definition = new Dictionary<string, string> { ["stage"] = "2" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var replaced = await fx.Client.PostAsJsonAsync("/cohorts?replace=true", new { name = "once", definition = new Dictionary<string, string> { ["stage"] = "2" } });
        Assert.Equal(2, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        // A report may not restate what the cohort already decides, nor name a cohort that does not exist.
        var conflict = await fx.Client.GetAsync("/survival/observed?cohort=once&stage=1");
        Assert.Equal(HttpStatusCode.BadRequest, conflict.StatusCode);
        Assert.Contains("\"stage\"", await conflict.Content.ReadAsStringAsync());
        var missing = await fx.Client.GetAsync("/survival/observed?cohort=nope");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
