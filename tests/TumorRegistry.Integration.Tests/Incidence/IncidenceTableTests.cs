using System.Net;
using System.Text.Json;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Standards;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Infrastructure.Incidence;
using static TumorRegistry.Integration.Tests.Incidence.IncidenceScenario;

namespace TumorRegistry.Integration.Tests.Incidence;

/// <summary>GET /incidence over a registry whose counts are known: counts, rates, intervals and suppression.</summary>
public sealed class IncidenceTableTests(IncidenceApiFactory fixture) : IClassFixture<IncidenceApiFactory>
{
    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string query, string? path = null)
    {
        var response = await fixture.Client.GetAsync(path ?? "/incidence?" + query);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Row(JsonDocument doc, string area, string site, string sex = IncidenceTable.BothSexes) =>
        doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("areaFips").GetString() == area
            && r.GetProperty("siteGroup").GetString() == site && r.GetProperty("sex").GetString() == sex
            && r.GetProperty("raceEthnicity").GetString() == "All races");

    [Fact]
    public async Task County_table_by_sex_holds_the_predicted_counts_and_the_pure_librarys_rates()
    {
        var (response, body) = await GetAsync("state=NM&from=2018&to=2020&area=county&bySex=true&byRace=false&periods=pooled");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fixture.PopulationId, response.Headers.GetValues("X-Population-Id").Single());
        Assert.Equal("unknown-age=1; unknown-sex=0; no-site-group=0", response.Headers.GetValues("X-Incidence-Excluded").Single());

        using var doc = JsonDocument.Parse(body);
        Assert.Equal(122, Row(doc, "35001", Lung).GetProperty("count").GetInt64());
        Assert.Equal(40, Row(doc, "35001", Prostate, "Male").GetProperty("count").GetInt64());
        Assert.Equal(20, Row(doc, "35001", Bladder).GetProperty("count").GetInt64());
        Assert.Equal(185, Row(doc, "35", Lung).GetProperty("count").GetInt64());
        Assert.Equal(250, Row(doc, "35", IncidenceSiteGroups.AllSites).GetProperty("count").GetInt64());
        // Prostate has male rows only: no both-sexes or female row.
        Assert.DoesNotContain(doc.RootElement.GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("siteGroup").GetString() == Prostate && r.GetProperty("sex").GetString() != "Male");

        var expected = ExpectedTable(AreaLevel.County, bySex: true, byRace: false, PeriodMode.Pooled);
        Assert.Equal(IncidenceJsonWriter.ToJson(expected), WithoutProvenance(body));
    }

    [Fact]
    public async Task County_SIRs_and_scan_clusters_over_HTTP_are_the_librarys_for_the_same_query()
    {
        const string query = "state=NM&from=2018&to=2020&site=Lung%20and%20Bronchus";
        var (response, body) = await GetAsync("", "/incidence/areas?" + query + "&format=json&scan=true&replications=99&seed=7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);

        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.Api.ConnectionString);
        var incidence = new RegistryIncidence(db, TumorRegistry.Standards.NaaccrStandards.Default);
        var q = new IncidenceParameters("NM", "2018", "2020", "county", null, null, null, ["Lung and Bronchus"], null, null, "json", null)
            .Validate(incidence.SiteGroups, out _)!;
        var built = Assert.IsType<IncidenceOutcome.Built>(await incidence.BuildAsync(q, CancellationToken.None));
        var (_, expected) = AreaStatisticsRendering.Render(built, incidence.SiteGroups, "json",
            new TumorRegistry.Incidence.Areas.ScanOptions { Replications = 99, Seed = 7 });
        Assert.Equal(expected, body);
        Assert.Contains("Bernalillo", body);

        var (bad, problem) = await GetAsync("", "/incidence/areas?" + query + "&format=svg&replications=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("replications", problem);
        Assert.Contains("format", problem);
    }

    [Fact]
    public async Task Suppressed_rows_are_marked_and_never_carry_the_count()
    {
        var (_, body) = await GetAsync("state=NM&from=2018&to=2020&site=Lung%20and%20Bronchus");
        using var doc = JsonDocument.Parse(body);
        var small = Row(doc, "35005", Lung);
        Assert.Equal("primary", small.GetProperty("suppression").GetString());
        // Shown 001 and the state total would give 005 = 185 - 122 - 60: the next smallest county is hidden too.
        var complement = Row(doc, "35003", Lung);
        Assert.Equal("complementary", complement.GetProperty("suppression").GetString());
        foreach (var hidden in new[] { small, complement })
            foreach (var field in new[] { "count", "averageAnnualCount", "crudeRate", "ageAdjustedRate", "lowerCi", "upperCi", "trend" })
                Assert.Equal(JsonValueKind.Null, hidden.GetProperty(field).ValueKind);
        Assert.True(small.GetProperty("population").GetDouble() > 0, "the population is public and stays shown");
        Assert.Equal("none", Row(doc, "35", Lung).GetProperty("suppression").GetString());

        var (_, csv) = await GetAsync("state=NM&from=2018&to=2020&site=30&format=csv");
        var line = csv.Split('\n').Single(l => l.StartsWith("35005,", StringComparison.Ordinal));
        Assert.DoesNotContain(",3,", line);
        Assert.EndsWith(",primary", line);
    }

    [Fact]
    public async Task State_table_by_race_in_single_years_and_pooled_equals_the_pure_library()
    {
        var (response, body) = await GetAsync("state=nm&from=2018&to=2020&area=state&byRace=true&periods=single-and-pooled&standard=us2000-18&threshold=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = ExpectedTable(AreaLevel.State, bySex: false, byRace: true, PeriodMode.SingleYearsAndPooled, threshold: 5,
            standard: StandardPopulation.Us2000EighteenGroups());
        Assert.Equal(IncidenceJsonWriter.ToJson(expected), WithoutProvenance(body));
        using var doc = JsonDocument.Parse(body);
        Assert.Contains(doc.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("raceEthnicity").GetString() == "Hispanic");
    }

    [Fact]
    public async Task Csv_html_and_svg_are_the_library_writers_output()
    {
        var expected = ExpectedTable(AreaLevel.County, bySex: false, byRace: false, PeriodMode.Pooled);
        var (csvResponse, csv) = await GetAsync("state=NM&from=2018&to=2020&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var w = new StringWriter();
        IncidenceCsvWriter.Write(w, expected);
        Assert.Equal(w.ToString(), csv);
        Assert.Contains("\n35001,Bernalillo,", csv);

        var (htmlResponse, html) = await GetAsync("state=NM&from=2018&to=2020&format=html");
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(IncidenceHtmlWriter.ToHtml(expected, "Cancer incidence, New Mexico, 2018-2020", TumorRegistry.Infrastructure.Incidence.RegistryIncidence.Map), html);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"choropleth\"", html);

        var (svgResponse, svg) = await GetAsync("state=NM&from=2018&to=2020&format=svg&site=Prostate");
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType!.MediaType);
        var prostate = ExpectedTable(AreaLevel.County, bySex: false, byRace: false, PeriodMode.Pooled, [Prostate]);
        Assert.Equal(IncidenceBarChart.ToSvg(prostate, Prostate, "Male"), svg);
        Assert.Contains("<rect", svg);
    }

    [Fact]
    public async Task Bad_parameters_are_400_naming_each_one()
    {
        var (response, body) = await GetAsync("state=New%20Mexico&from=20x8&to=2020&area=zip&periods=monthly&site=Lungs&threshold=-1&standard=world&format=pdf&bySex=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var name in new[] { "state", "from", "area", "periods", "site", "threshold", "standard", "format", "bySex" })
            Assert.True(errors.TryGetProperty(name, out _), $"no error for {name}: {body}");
        Assert.Contains("Lungs", errors.GetProperty("site")[0].GetString());

        var (reversed, reversedBody) = await GetAsync("state=NM&from=2020&to=2018");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("\"to\"", reversedBody);

        var (svg, svgBody) = await GetAsync("state=NM&from=2018&to=2020&format=svg");
        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.Contains("\"site\"", svgBody);
    }

    [Fact]
    public async Task A_state_without_a_population_or_an_unknown_population_is_404()
    {
        var (none, noneBody) = await GetAsync("state=AZ&from=2018&to=2020");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("AZ", noneBody);
        var (unknown, _) = await GetAsync($"state=NM&from=2018&to=2020&population={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_endpoints_are_in_the_OpenAPI_document()
    {
        var doc = await fixture.Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/incidence\"", doc);
        Assert.Contains("\"/populations\"", doc);
        Assert.Contains("\"/populations/{id}/export\"", doc);
    }

    // The table as the library writes it; the registry appends its provenance (ReproducibleReportTests checks that).
    private static string WithoutProvenance(string body) =>
        body[..body.IndexOf(IncidenceRendering.ProvenanceMember, StringComparison.Ordinal)] + "\n}";
}
