using System.Net;
using Npgsql;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class UnknownItemsTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Items_the_model_does_not_type_survive_a_write_and_a_read_unchanged()
    {
        var alice = registry.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync();
        var (caseId, version) = await alice.OpenCaseAsync(patientId);

        // A NAACCR item no event types (Rx Summ--Other) rides along a treatment step as an other item.
        var treated = await alice.WriteAsync($"/cases/{caseId}/treatment",
            new { chemotherapy = "00", otherItems = new Dictionary<string, string> { ["rxSummOther"] = "1" } }, version);
        await treated.Expect(HttpStatusCode.OK);

        // Items unknown to every dictionary (a state's own fields) come in with an import, kept by naaccrId as they are.
        var local = new Dictionary<string, string>
        {
            ["stateStudyCode"] = " 07-b ", ["registryLocalFlag"] = "Y", ["primarySite"] = "C504", ["laterality"] = "2",
        };
        var imported = await alice.WriteAsync($"/cases/{caseId}/import", new { items = local, source = "NAACCR XML from St. Mary's" },
            treated.ETag());
        await imported.Expect(HttpStatusCode.OK);
        var patientImport = await alice.WriteAsync($"/patients/{patientId}/import",
            new { items = new Dictionary<string, string> { ["stateConsentCode"] = "A1" }, source = "state linkage" }, 3);
        await patientImport.Expect(HttpStatusCode.OK);

        // A later, typed write leaves them alone.
        await (await alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "1" }, imported.ETag())).Expect(HttpStatusCode.OK);

        var view = await alice.GetJson($"/cases/{caseId}");
        var tumor = view.Items("tumorItems");
        Assert.Equal(" 07-b ", tumor["stateStudyCode"]);
        Assert.Equal("Y", tumor["registryLocalFlag"]);
        Assert.Equal("1", tumor["rxSummOther"]);
        Assert.Equal("1", tumor["summaryStage2018"]);
        Assert.Equal("A1", view.Items("patientItems")["stateConsentCode"]);
        Assert.Equal("A1", view.Items("items")["stateConsentCode"]);

        // The projection keeps them too.
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand("select items->>'stateStudyCode', items->>'rxSummOther' from case_summary where case_id = $1");
        cmd.Parameters.AddWithValue(caseId);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal((" 07-b ", "1"), (r.GetString(0), r.GetString(1)));

        // A known Patient item cannot be imported onto the tumor; nothing is stored.
        var misplaced = await (await alice.WriteAsync($"/cases/{caseId}/import",
            new { items = new Dictionary<string, string> { ["dateOfBirth"] = "19500101" }, source = "x" }, 4)).Expect(HttpStatusCode.BadRequest);
        Assert.True(misplaced.GetProperty("errors").TryGetProperty("dateOfBirth", out _));
        Assert.Equal(4, (await alice.GetAsync($"/cases/{caseId}")).ETag());
    }
}
