using System.Net;
using System.Text;
using System.Text.Json;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Integration.Tests.Incidence;

/// <summary>
/// A population without Hispanic origin (SEER origin 9) labels the registry's cases by race alone; the newest
/// population covering the state is the default, an older one is picked by id.
/// </summary>
public sealed class RaceOnlyPopulationTests(IncidenceApiFactory fixture) : IClassFixture<IncidenceApiFactory>
{
    [Fact]
    public async Task Cases_are_labelled_by_race_alone_when_the_population_has_no_origin()
    {
        var raceOnly = IncidenceScenario.Population
            .GroupBy(r => r with { Origin = 9, Population = 0 })
            .Select(g => g.Key with { Population = g.Sum(r => r.Population) }).ToList();
        var file = new StringWriter();
        SeerPopulationFile.Write(file, raceOnly);
        var created = await fixture.Client.PostAsync("/populations?format=seer&name=race%20only", new StringContent(file.ToString(), Encoding.UTF8, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var response = await fixture.Client.GetAsync("/incidence?state=NM&from=2018&to=2020&area=state&byRace=true&threshold=3");
        Assert.Equal(id, response.Headers.GetValues("X-Population-Id").Single());
        var body = await response.Content.ReadAsStringAsync();
        var expected = IncidenceScenario.ExpectedTable(AreaLevel.State, bySex: false, byRace: true, PeriodMode.Pooled, threshold: 3,
            population: raceOnly, byOrigin: false);
        Assert.Equal(IncidenceJsonWriter.ToJson(expected), WithoutProvenance(body));
        var races = JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("raceEthnicity").GetString()).ToHashSet();
        Assert.Equal(["All races", "American Indian/Alaska Native", "Asian/Pacific Islander", "Black", "White"], races.Order());

        // The first population is still there, by id.
        var first = await fixture.Client.GetAsync($"/incidence?state=NM&from=2018&to=2020&area=state&byRace=true&population={fixture.PopulationId}");
        Assert.Contains("\"Hispanic\"", await first.Content.ReadAsStringAsync());
    }

    // The table as the library writes it; the registry appends its provenance (ReproducibleReportTests checks that).
    private static string WithoutProvenance(string body) =>
        body[..body.IndexOf(IncidenceRendering.ProvenanceMember, StringComparison.Ordinal)] + "\n}";
}
