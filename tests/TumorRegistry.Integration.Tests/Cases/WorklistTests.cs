using System.Net;
using System.Text.Json;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class WorklistTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    private const string FacilityA = "0000000010";
    private const string FacilityB = "0000000020";

    [Fact]
    public async Task Worklists_return_the_right_cases_by_status_facility_and_abstractor_paged()
    {
        var alice = registry.Registrar("alice");
        var bob = registry.Registrar("bob");
        var p1 = await alice.RegisterPatientAsync("00000301");
        var p2 = await bob.RegisterPatientAsync("00000302");

        // Facility A, alice: one opened only (incomplete), one abstracted (open), one completed.
        var (aIncomplete, _) = await alice.OpenCaseAsync(p1, FacilityA);
        var (aOpen, v) = await alice.OpenCaseAsync(p1, FacilityA);
        await alice.AbstractAsync(aOpen, v);
        var (aCompleted, v2) = await alice.OpenCaseAsync(p1, FacilityA);
        var done = await alice.AbstractAsync(aCompleted, v2);
        await (await alice.WriteAsync($"/cases/{aCompleted}/complete", null, done)).Expect(HttpStatusCode.OK);
        // Facility B, bob: one failing an error edit, two incomplete; then alice touches one of them last.
        var (bFailing, v3) = await bob.OpenCaseAsync(p2, FacilityB);
        await bob.AbstractAsync(bFailing, v3, histology: "8519");
        var (bIncomplete1, _) = await bob.OpenCaseAsync(p2, FacilityB);
        var (bIncomplete2, v4) = await bob.OpenCaseAsync(p2, FacilityB);
        await (await alice.WriteAsync($"/cases/{bIncomplete2}/stage", new { summaryStage2018 = "7" }, v4)).Expect(HttpStatusCode.OK);

        Assert.Equal([aIncomplete, bIncomplete1, bIncomplete2], await CaseIds("/worklists?status=incomplete"));
        Assert.Equal([aOpen], await CaseIds("/worklists?status=open"));
        Assert.Equal([aCompleted], await CaseIds("/worklists?status=completed"));
        Assert.Equal([bFailing], await CaseIds("/worklists?status=failing_edits"));
        Assert.Equal([bIncomplete1], await CaseIds($"/worklists?status=incomplete&facility={FacilityB}&abstractor=bob"));
        Assert.Equal([aIncomplete, bIncomplete2], await CaseIds("/worklists?status=incomplete&abstractor=alice"));
        Assert.Equal([aIncomplete, aOpen, aCompleted], await CaseIds($"/worklists?facility={FacilityA}"));
        Assert.Empty(await CaseIds("/worklists?status=duplicate"));

        var failing = (await alice.GetJson("/worklists?status=failing_edits")).GetProperty("cases")[0];
        Assert.Equal((1, "bob", FacilityB, "C504"), (failing.GetProperty("errorCount").GetInt32(), failing.GetProperty("abstractedBy").GetString(),
            failing.GetProperty("reportingFacility").GetString(), failing.GetProperty("primarySite").GetString()));

        // Paged: oldest change first, total across pages.
        var page1 = await alice.GetJson("/worklists?pageSize=4&page=1");
        var page2 = await alice.GetJson("/worklists?pageSize=4&page=2");
        Assert.Equal((6, 6), (page1.GetProperty("total").GetInt32(), page2.GetProperty("total").GetInt32()));
        var all = Ids(page1).Concat(Ids(page2)).ToList();
        Assert.Equal(6, all.Distinct().Count());
        Assert.Equal([aIncomplete, aOpen, aCompleted, bFailing, bIncomplete1, bIncomplete2], all);

        await (await alice.GetAsync("/worklists?status=lost")).Expect(HttpStatusCode.BadRequest);

        // Edits over the registry and by facility agree with the worklists.
        var registryEdits = await alice.GetJson("/edits");
        Assert.Equal(6, registryEdits.GetProperty("casesChecked").GetInt32());
        var byEdit = registryEdits.GetProperty("byEdit").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("cases").GetInt32());
        Assert.Equal(1, byEdit["TR120"]);
        Assert.Equal(3, byEdit["TR001"]);
        var facilityB = await alice.GetJson($"/edits?facility={FacilityB}");
        Assert.Equal(3, facilityB.GetProperty("casesChecked").GetInt32());
        Assert.Contains(facilityB.GetProperty("cases").EnumerateArray(),
            c => c.GetProperty("caseId").GetGuid() == bFailing && c.GetProperty("failingEdits").EnumerateArray().Any(e => e.GetString() == "TR120"));
    }

    private async Task<Guid[]> CaseIds(string url) => Ids(await registry.CreateClient().GetJson(url)).ToArray();

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid());
}
