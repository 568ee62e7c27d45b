using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Incidence;

/// <summary>POST /populations, GET /populations and the export, through HTTP on a real database.</summary>
public sealed class PopulationImportTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static StringContent Body(string text) => new(text, Encoding.UTF8, "application/octet-stream");

    private async Task<(long Populations, long Cells)> TableCountsAsync()
    {
        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select (select count(*) from populations), (select count(*) from population_cells)", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt64(0), r.GetInt64(1));
    }

    [Fact]
    public async Task A_SEER_file_round_trips_through_the_database_byte_for_byte()
    {
        // Importing (which may replace the state's default population) is the admin's; who imported is the principal.
        var client = api.As("epi.garcia", [TumorRegistry.Infrastructure.Security.RegistryRoles.Admin]);
        var file = IncidenceScenario.PopulationFile;
        var created = await client.PostAsync("/populations?format=seer&name=round%20trip", Body(file));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = stored.GetProperty("id").GetString();
        Assert.Equal($"/populations/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(IncidenceScenario.Population.Count, stored.GetProperty("cellCount").GetInt32());
        Assert.Equal(IncidenceScenario.Population.Count, stored.GetProperty("lineCount").GetInt32());
        Assert.Equal("epi.garcia", stored.GetProperty("importedBy").GetString());
        Assert.Equal(["NM"], stored.GetProperty("states").EnumerateArray().Select(s => s.GetString()));

        var export = await client.GetAsync($"/populations/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(file, await export.Content.ReadAsStringAsync());

        var list = JsonDocument.Parse(await client.GetStringAsync("/populations")).RootElement;
        var listed = list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
        Assert.Equal("round trip", listed.GetProperty("name").GetString());
        Assert.Equal(2018, listed.GetProperty("firstYear").GetInt32());
        Assert.Equal(2020, listed.GetProperty("lastYear").GetInt32());
    }

    [Fact]
    public async Task A_malformed_line_is_400_naming_the_line_and_nothing_is_stored()
    {
        var client = api.CreateClient();
        var lines = IncidenceScenario.PopulationFile.Split('\n').ToList();
        lines[2] = lines[2][..18] + "00001x00";       // line 3: a letter in the population
        lines[6] = lines[6][..15] + "3" + lines[6][16..]; // line 7: sex 3
        var before = await TableCountsAsync();

        var response = await client.PostAsync("/populations?format=seer&name=broken", Body(string.Join('\n', lines)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("nothing was stored", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 3: population", out var population), problem.ToString());
        Assert.Contains("00001x00", population[0].GetString());
        Assert.True(errors.TryGetProperty("line 7: sex", out _), problem.ToString());
        var lineErrors = problem.GetProperty("lineErrors").EnumerateArray().Select(e => e.GetProperty("lineNumber").GetInt32()).ToList();
        Assert.Equal([3, 7], lineErrors);
        Assert.Equal(before, await TableCountsAsync());
    }

    [Fact]
    public async Task A_population_CSV_needs_its_state_keeps_one_state_and_exports_as_CSV()
    {
        var client = api.CreateClient();
        var cells = SeerPopulationFile.ToCells(IncidenceScenario.Population).OrderBy(c => c.CountyFips).ThenBy(c => c.Year).ThenBy(c => c.Sex)
            .ThenBy(c => c.RaceEthnicity, StringComparer.Ordinal).ThenBy(c => c.AgeGroup).ToList();
        var w = new StringWriter();
        PopulationCsv.Write(w, cells);
        var csv = w.ToString();

        var noState = await client.PostAsync("/populations?format=csv", Body(csv));
        Assert.Equal(HttpStatusCode.BadRequest, noState.StatusCode);
        Assert.Contains("\"state\"", await noState.Content.ReadAsStringAsync());

        var twoStates = csv.Split('\n').ToArray();
        var fields = twoStates[4].Split(',');
        fields[1] = "04"; // line 5 moves to another state's FIPS
        twoStates[4] = string.Join(',', fields);
        var mixed = await client.PostAsync("/populations?format=csv&state=NM", Body(string.Join('\n', twoStates)));
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains("line 5: state", await mixed.Content.ReadAsStringAsync());

        var created = await client.PostAsync("/populations?format=csv&state=NM&name=csv", Body(csv));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.Equal(csv, await client.GetStringAsync($"/populations/{id}/export"));

        var asSeer = await client.GetAsync($"/populations/{id}/export?format=seer");
        Assert.Equal(HttpStatusCode.BadRequest, asSeer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/populations/{Guid.NewGuid()}/export")).StatusCode);
    }

    [Fact]
    public async Task A_single_age_file_round_trips_and_its_CSV_export_is_in_the_19_groups()
    {
        var client = api.CreateClient();
        var records = Enumerable.Range(0, 91).Select(age => new PopulationRecord(2019, "NM", "35", "001", "99", 1, 0, Sex.Male, age, 100 + age)).ToList();
        var w = new StringWriter();
        SeerPopulationFile.Write(w, records);
        var created = await client.PostAsync("/populations?format=seer&ages=single&name=single", Body(w.ToString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("single", stored.GetProperty("ageCoding").GetString());
        var id = stored.GetProperty("id").GetString();
        Assert.Equal(w.ToString(), await client.GetStringAsync($"/populations/{id}/export"));

        var csv = await client.GetStringAsync($"/populations/{id}/export?format=csv");
        var expected = new StringWriter();
        PopulationCsv.Write(expected, SeerPopulationFile.ToCells(records, SeerAgeCoding.SingleAges).OrderBy(c => c.AgeGroup));
        Assert.Equal(expected.ToString(), csv);
        Assert.Contains("2019,35,001,1,Non-Hispanic White,18,", csv); // 85-90 summed into 85+
    }

    [Fact]
    public async Task Unknown_format_is_400()
    {
        var response = await api.CreateClient().PostAsync("/populations?format=xlsx", Body("x"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"format\"", await response.Content.ReadAsStringAsync());
    }
}
