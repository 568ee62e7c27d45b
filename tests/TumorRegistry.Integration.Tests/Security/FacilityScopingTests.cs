using System.Net;
using Npgsql;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>A registrar sees and changes the patients and cases of the facilities they hold, nothing else.</summary>
public sealed class FacilityScopingTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Registrar_of_A_on_facility_Bs_case_is_told_it_does_not_exist_is_audited_and_changes_nothing()
    {
        var a = api.WithBearer(Principal.RegistrarA.Token!);
        var b = api.WithBearer(Principal.RegistrarB.Token!);
        var patientId = await b.RegisterPatientAsync("00000931");
        var (caseId, version) = await b.OpenCaseAsync(patientId, Principal.FacilityB);
        var before = await CountAsync("select count(*) from marten.mt_events where type <> 'tombstone'");

        await (await a.GetAsync($"/cases/{caseId}")).Expect(HttpStatusCode.NotFound);
        await (await a.GetAsync($"/patients/{patientId}")).Expect(HttpStatusCode.NotFound);
        await (await a.GetAsync($"/cases/{caseId}/history")).Expect(HttpStatusCode.NotFound);
        await (await a.GetAsync($"/cases/{caseId}/edits")).Expect(HttpStatusCode.NotFound);
        await (await a.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "7" }, version)).Expect(HttpStatusCode.NotFound);
        await (await a.WriteAsync($"/patients/{patientId}/death", new { dateOfDeath = "20240501" }, 3)).Expect(HttpStatusCode.NotFound);
        await (await a.WriteAsync($"/cases/{caseId}/corrections", new { items = new { reportingFacility = Principal.FacilityA }, reason = "mine" }, version))
            .Expect(HttpStatusCode.NotFound);
        // Opening a case of facility B for B's patient, or reading B's lists.
        await (await a.WriteAsync("/cases", new { patientId, reportingFacility = Principal.FacilityB }, null)).Expect(HttpStatusCode.Forbidden);
        await (await a.WriteAsync("/cases", new { patientId, reportingFacility = Principal.FacilityA }, null)).Expect(HttpStatusCode.NotFound);
        await (await a.GetAsync($"/worklists?facility={Principal.FacilityB}")).Expect(HttpStatusCode.NotFound);
        var own = await a.GetJson("/worklists");
        Assert.Equal(Principal.FacilityA, own.GetProperty("facility").GetString());
        Assert.DoesNotContain(caseId.ToString(), own.ToString());

        Assert.Equal(before, await CountAsync("select count(*) from marten.mt_events where type <> 'tombstone'"));
        var b2 = await b.GetAsync($"/cases/{caseId}");
        Assert.Equal(version, b2.ETag());

        // Each refusal is in the audit, under registrar A, with the case or patient.
        var audit = await api.CreateClient().GetJson($"/admin/audit/patients/{patientId}");
        var refusals = audit.EnumerateArray().Where(e => e.GetProperty("user").GetString() == Principal.RegistrarA.Name).ToList();
        Assert.Equal(9, refusals.Count);
        Assert.All(refusals, e => Assert.StartsWith("40", e.GetProperty("outcome").GetString()));
        Assert.Contains(refusals, e => e.GetProperty("action").GetString() == "GET /cases/{caseId:guid}"
            && e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("outcome").GetString() == "404 record not in facilities");
    }

    [Fact]
    public async Task A_patient_registered_before_any_case_belongs_to_the_registrars_facility_and_a_central_registrar_sees_all()
    {
        var a = api.WithBearer(Principal.RegistrarA.Token!);
        var created = await (await a.WriteAsync("/patients", new { patientIdNumber = "00000932" }, null)).Expect(HttpStatusCode.Created);
        var patientId = created.GetProperty("id").GetGuid();
        await (await a.GetAsync($"/patients/{patientId}")).Expect(HttpStatusCode.OK);
        await (await api.WithBearer(Principal.RegistrarB.Token!).GetAsync($"/patients/{patientId}")).Expect(HttpStatusCode.NotFound);
        var central = api.As("central", [TumorRegistry.Infrastructure.Security.RegistryRoles.Registrar]);
        await (await central.GetAsync($"/patients/{patientId}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_registrar_imports_NAACCR_XML_only_when_every_reporting_facility_is_theirs()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml"));
        string At(string facility) => sample.Replace("<Tumor>", $"<Tumor><Item naaccrId=\"reportingFacility\">{facility}</Item>", StringComparison.Ordinal);
        var a = api.WithBearer(Principal.RegistrarA.Token!);
        async Task<HttpStatusCode> Import(string xml) =>
            (await a.PostAsync("/imports/naaccr-xml", new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"))).StatusCode;
        var streams = await CountAsync("select count(*) from marten.mt_streams");
        Assert.Equal(HttpStatusCode.Forbidden, await Import(sample));
        Assert.Equal(HttpStatusCode.Forbidden, await Import(At(Principal.FacilityB)));
        Assert.Equal(streams, await CountAsync("select count(*) from marten.mt_streams"));
        Assert.Equal(HttpStatusCode.Accepted, await Import(At(Principal.FacilityA)));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
