using System.Net;
using System.Text.Json;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;

using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

public sealed class FollowUpTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    private const string FacilityA = "0000000010";
    private const string FacilityB = "0000000020";
    private const string AsOf = "asOf=2025-06-01";

    [Fact]
    public async Task Due_list_rates_and_letters_follow_the_registry_as_of_a_date()
    {
        var registrar = registry.Registrar("alice");
        // Facility A: due (13 months), due and lost (17 months), dead, not analytic.
        var due = await registrar.PatientAsync("00000401", "20240419");
        var (dueCase, _) = await registrar.CaseAsync(due, FacilityA, "20230115", "14", nextFollowUpSource: "2");
        var lost = await registrar.PatientAsync("00000402", "20240101");
        var (lostCase, _) = await registrar.CaseAsync(lost, FacilityA, "20220310", "10");
        var dead = await registrar.RegisterPatientAsync("00000403");
        await registrar.CaseAsync(dead, FacilityA, "20220601", "14");
        await (await registrar.WriteAsync($"/patients/{dead}/death", new { dateOfDeath = "20240301" }, 3, "death certificate"))
            .Expect(HttpStatusCode.OK);
        var notAnalytic = await registrar.PatientAsync("00000404", "20240419");
        await registrar.CaseAsync(notAnalytic, FacilityA, "20230115", "32");
        // Facility B: a duplicate of a due case, a recently contacted patient with an old and a new (last year) case.
        var twice = await registrar.PatientAsync("00000405", "20240419");
        var (twiceCase, _) = await registrar.CaseAsync(twice, FacilityB, "20230115", "14");
        var (duplicate, version) = await registrar.CaseAsync(twice, FacilityB, "20230115", "14");
        await (await registrar.WriteAsync($"/cases/{duplicate}/duplicate", new { duplicateOfCaseId = twiceCase, reason = "same primary" },
            version)).Expect(HttpStatusCode.OK);
        var recent = await registrar.PatientAsync("00000406", "20250301");
        await registrar.CaseAsync(recent, FacilityB, "20200505", "14");
        await registrar.CaseAsync(recent, FacilityB, "20250101", "14");

        var list = await registrar.GetJson($"/follow-up/due?{AsOf}");
        Assert.Equal([lostCase, dueCase, twiceCase], CaseIds(list));
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        var cases = list.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("caseId").GetGuid());
        Assert.True(cases[lostCase].GetProperty("lost").GetBoolean());
        Assert.Equal(17, cases[lostCase].GetProperty("monthsSinceContact").GetInt32());
        Assert.False(cases[dueCase].GetProperty("lost").GetBoolean());
        Assert.Equal((13, "20240419", "2025-04-19", "2", due, FacilityA),
            (cases[dueCase].GetProperty("monthsSinceContact").GetInt32(), cases[dueCase].GetProperty("dateOfLastContact").GetString(),
             cases[dueCase].GetProperty("dueOn").GetString(), cases[dueCase].GetProperty("nextFollowUpSource").GetString(),
             cases[dueCase].GetProperty("patientId").GetGuid(), cases[dueCase].GetProperty("reportingFacility").GetString()));
        Assert.Equal([lostCase, dueCase], CaseIds(await registrar.GetJson($"/follow-up/due?{AsOf}&facility={FacilityA}")));
        Assert.Equal([twiceCase], CaseIds(await registrar.GetJson($"/follow-up/due?{AsOf}&facility={FacilityB}")));
        var page2 = await registrar.GetJson($"/follow-up/due?{AsOf}&page=2&pageSize=2");
        Assert.Equal([twiceCase], CaseIds(page2));
        Assert.Equal(3, page2.GetProperty("total").GetInt32());

        // Since 2020, leaving out 2024-06-02 on: followed are dueCase, dead, twiceCase and the 2020 case; lostCase is not.
        var rates = await registrar.GetJson($"/follow-up/rates?{AsOf}&referenceYear=2020");
        Assert.Equal((5, 4, 0.8, true), Rate(rates, "sinceReferenceYear"));
        Assert.Equal((4, 3, 0.75, false), Rate(rates, "lastFiveYears"));
        var byFacility = rates.GetProperty("facilities").EnumerateArray().ToDictionary(f => f.GetProperty("reportingFacility").GetString()!);
        Assert.Equal((3, 2, 2.0 / 3, false), Rate(byFacility[FacilityA], "sinceReferenceYear"));
        Assert.Equal((3, 2, 2.0 / 3, false), Rate(byFacility[FacilityA], "lastFiveYears"));
        Assert.Equal((2, 2, 1.0, true), Rate(byFacility[FacilityB], "sinceReferenceYear"));
        Assert.Equal((1, 1, 1.0, true), Rate(byFacility[FacilityB], "lastFiveYears"));

        // A manager of facility B alone sees B's rates, and B's as the registry's.
        var managerB = registry.Anonymous();
        managerB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestPrincipals.Token("manager.b", ["manager"], [FacilityB]));
        var ratesB = await managerB.GetJson($"/follow-up/rates?{AsOf}&referenceYear=2020");
        Assert.Equal([FacilityB], ratesB.GetProperty("facilities").EnumerateArray().Select(f => f.GetProperty("reportingFacility").GetString()));
        Assert.Equal((2, 2, 1.0, true), Rate(ratesB, "sinceReferenceYear"));

        var letters = await registrar.GetAsync($"/follow-up/letters?{AsOf}&facility={FacilityA}");
        var html = await letters.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, letters.StatusCode);
        Assert.Equal("text/html", letters.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, html.Split("<section class=\"letter\">").Length - 1);
        Assert.Contains("Re: Smith, Randi, patient id number 00000401", html);
        Assert.Contains("Our last contact with this patient was April 19, 2024.", html);
        Assert.Contains("Re: Smith, Randi, patient id number 00000402", html);
        Assert.DoesNotContain("00000403", html);

        // The physician answers: the patient leaves the due list, and the rates do not change (followed either way).
        await registrar.FollowUpAsync(due, 4, "20250520");
        Assert.Equal([lostCase, twiceCase], CaseIds(await registrar.GetJson($"/follow-up/due?{AsOf}")));
    }

    [Theory]
    [InlineData("/follow-up/due?asOf=2025-13-01", "asOf")]
    [InlineData("/follow-up/due?asOf=20250601", "asOf")]
    [InlineData("/follow-up/due?page=0", "page")]
    [InlineData("/follow-up/rates?asOf=2025-06-01", "referenceYear")]
    [InlineData("/follow-up/rates?asOf=yesterday&referenceYear=2020", "asOf")]
    [InlineData("/follow-up/letters?asOf=2025-02-30", "asOf")]
    public async Task A_bad_parameter_is_a_400_naming_it(string url, string parameter)
    {
        var problem = await (await registry.CreateClient().GetAsync(url)).Expect(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    private static Guid[] CaseIds(JsonElement page) =>
        page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid()).ToArray();

    private static (int, int, double, bool) Rate(JsonElement report, string rate)
    {
        var r = report.GetProperty(rate);
        return (r.GetProperty("cases").GetInt32(), r.GetProperty("followed").GetInt32(), r.GetProperty("rate").GetDouble(),
            r.GetProperty("meetsStandard").GetBoolean());
    }
}
