using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Primaries;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Integration.Tests.Security;

namespace TumorRegistry.Integration.Tests.Primaries;

/// <summary>
/// POST /primaries/decide against a patient's stored cases, the review worklist fed by the questioned decisions (events on
/// the patient's stream, projected into primary_review) and a registrar's resolution, on PostgreSQL.
/// </summary>
public sealed class PrimaryReviewTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    static object Tumor(string site, string histology, string behavior, string laterality, string date) => new Dictionary<string, string>
    {
        ["primarySite"] = site, ["histologicTypeIcdO3"] = histology, ["behaviorCodeIcdO3"] = behavior,
        ["laterality"] = laterality, ["dateOfDiagnosis"] = date,
    };

    async Task<(HttpClient Registrar, Guid Patient, Guid Breast, Guid Colon)> PatientWithTwoCasesAsync(string idNumber)
    {
        var registrar = api.Registrar("rita.reg");
        var patient = await registrar.RegisterPatientAsync(idNumber);
        var (breast, v1) = await registrar.OpenCaseAsync(patient);
        await registrar.AbstractAsync(breast, v1, site: "C504", histology: "8500", behavior: "3", laterality: "2");
        var (colon, v2) = await registrar.OpenCaseAsync(patient);
        await registrar.AbstractAsync(colon, v2, site: "C187", histology: "8140", behavior: "3", laterality: "0");
        return (registrar, patient, breast, colon);
    }

    static async Task<JsonElement> DecideAsync(HttpClient client, object body, HttpStatusCode expect = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync("/primaries/decide", body)).Expect(expect);

    [Fact]
    public async Task A_lobular_carcinoma_of_the_same_breast_is_the_same_primary_as_the_stored_breast_case()
    {
        var (registrar, patient, breast, colon) = await PatientWithTwoCasesAsync("00001401");
        var d = await DecideAsync(registrar, new { patientId = patient, incoming = Tumor("C502", "8520", "3", "2", "20230201") });
        Assert.Equal("same-primary", d.GetProperty("outcome").GetString());
        Assert.Equal(breast.ToString(), d.GetProperty("sameAsCaseId").GetString());
        Assert.Equal("Breast M7", d.GetProperty("ruleId").GetString());
        var compared = d.GetProperty("comparisons").EnumerateArray().ToList();
        Assert.Contains(compared, c => c.GetProperty("caseId").GetString() == colon.ToString() && c.GetProperty("result").GetString() == "multiple");
        Assert.Equal(JsonValueKind.Null, d.GetProperty("reviewId").ValueKind);

        // Left breast against right breast: a new primary by laterality; neither goes to review.
        var other = await DecideAsync(registrar, new { patientId = patient, incoming = Tumor("C504", "8500", "3", "1", "20230201") });
        Assert.Equal(("new-primary", "Breast M4"), (other.GetProperty("outcome").GetString(), other.GetProperty("ruleId").GetString()));
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        Assert.Equal(0L, await db.ScalarAsync($"select count(*) from primary_review where patient_id = '{patient}'"));
        // The decision read the patient's cases: audited as listed.
        Assert.True((long)(await db.ScalarAsync(
            $"select count(*) from phi_audit where patient_id = '{patient}' and action = 'POST /primaries/decide' and user_name = 'rita.reg'"))! >= 2);
    }

    [Fact]
    public async Task A_questionable_decision_waits_in_review_until_a_registrar_resolves_it_with_a_reason()
    {
        var (registrar, patient, breast, _) = await PatientWithTwoCasesAsync("00001402");
        var d = await DecideAsync(registrar, new { patientId = patient, incoming = Tumor("C504", "8500", "3", "9", "20230301") });
        Assert.Equal(("questionable", "Breast M4"), (d.GetProperty("outcome").GetString(), d.GetProperty("ruleId").GetString()));
        var reviewId = d.GetProperty("reviewId").GetGuid();

        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        Assert.Equal(1L, await db.ScalarAsync(
            $"select count(*) from marten.mt_events where stream_id = '{patient}' and type = 'MultiplePrimaryQuestioned'"));

        var review = await registrar.GetJson("/primaries/review");
        var item = review.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("reviewId").GetGuid() == reviewId);
        Assert.Equal(("Breast", "M4", 0), (item.GetProperty("module").GetString(), item.GetProperty("rule").GetString(), item.GetProperty("ageDays").GetInt32()));
        Assert.Equal("00001402", item.GetProperty("patientIdNumber").GetString());
        Assert.Equal("9", item.GetProperty("incomingItems").GetProperty("laterality").GetString());
        Assert.True(review.GetProperty("counts").GetProperty("open").GetInt32() >= 1);

        var url = $"/primaries/review/{reviewId}/resolve";
        var bad = await (await registrar.PostAsJsonAsync(url, new { decision = "same", sameAsCaseId = Guid.NewGuid() })).Expect(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("sameAsCaseId", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(JsonValueKind.Null, (await registrar.GetJson("/primaries/review?status=all")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("reviewId").GetGuid() == reviewId).GetProperty("resolvedAt").ValueKind);

        var resolved = await (await registrar.PostAsJsonAsync(url, new { decision = "same", sameAsCaseId = breast, reason = "path report: left breast" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(("same", breast, "rita.reg"), (resolved.GetProperty("decision").GetString(), resolved.GetProperty("sameAsCaseId").GetGuid(),
            resolved.GetProperty("resolvedBy").GetString()));
        Assert.DoesNotContain((await registrar.GetJson("/primaries/review")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("reviewId").GetGuid() == reviewId);
        Assert.Equal(1L, await db.ScalarAsync(
            $"select count(*) from marten.mt_events where stream_id = '{patient}' and type = 'MultiplePrimaryResolved'"));

        await (await registrar.PostAsJsonAsync(url, new { decision = "new", reason = "second thoughts" })).Expect(HttpStatusCode.Conflict);
        await (await registrar.PostAsJsonAsync($"/primaries/review/{Guid.NewGuid()}/resolve", new { decision = "new", reason = "x" }))
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_review_table_rebuilt_from_the_events_is_the_table_the_appends_wrote()
    {
        var (registrar, patient, _, _) = await PatientWithTwoCasesAsync("00001403");
        var d = await DecideAsync(registrar, new { patientId = patient, incoming = Tumor("C504", "8500", "3", "9", "20230301") });
        var reviewId = d.GetProperty("reviewId").GetGuid();
        await (await registrar.PostAsJsonAsync($"/primaries/review/{reviewId}/resolve", new { decision = "new", reason = "separate lesion, other side" }))
            .Expect(HttpStatusCode.OK);
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        const string Snapshot = "select string_agg(concat_ws('|', review_id, patient_id, module, rule, decision, resolved_reason, resolved_by), ';' order by review_id) from primary_review";
        var before = await db.ScalarAsync(Snapshot);
        await db.ExecAsync("delete from primary_review");
        await api.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(PrimaryReviewProjection.ProjectionName);
        Assert.Equal(before, await db.ScalarAsync(Snapshot));
    }

    [Fact]
    public async Task Bad_items_are_refused_naming_the_item_and_nothing_is_stored()
    {
        var registrar = api.Registrar("rita.reg");
        var patient = await registrar.RegisterPatientAsync("00001404");
        var bad = await DecideAsync(registrar, new { patientId = patient, incoming = Tumor("C5O4", "8500", "3", "1", "20231341") }, HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("incoming.primarySite", out _));
        Assert.True(errors.TryGetProperty("incoming.dateOfDiagnosis", out _));
        await DecideAsync(registrar, new { patientId = Guid.NewGuid(), incoming = Tumor("C504", "8500", "3", "1", "20230101") }, HttpStatusCode.NotFound);

        // The items alone, no patient: decided, never stored.
        var d = await DecideAsync(registrar, new
        {
            existing = new[] { new { caseId = "hospital-17", items = Tumor("C341", "8041", "3", "1", "20220101") } },
            incoming = Tumor("C343", "8140", "3", "1", "20220301"),
        });
        Assert.Equal(("new-primary", "Lung M3"), (d.GetProperty("outcome").GetString(), d.GetProperty("ruleId").GetString()));
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        Assert.Equal(0L, await db.ScalarAsync($"select count(*) from marten.mt_events where stream_id = '{patient}' and type like 'MultiplePrimary%'"));
    }

    [Fact]
    public async Task A_registrar_of_another_facility_neither_sees_nor_resolves_the_patients_review()
    {
        var registrar = api.Registrar("rita.reg");
        var patient = await registrar.RegisterPatientAsync("00001405");
        var (breast, v) = await registrar.OpenCaseAsync(patient, Principal.FacilityA);
        await registrar.AbstractAsync(breast, v);
        var d = await DecideAsync(api.WithBearer(Principal.RegistrarA.Token!),
            new { patientId = patient, incoming = Tumor("C504", "8500", "3", "9", "20230301") });
        var reviewId = d.GetProperty("reviewId").GetGuid();

        var other = api.WithBearer(Principal.RegistrarB.Token!);
        Assert.DoesNotContain((await other.GetJson("/primaries/review")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("reviewId").GetGuid() == reviewId);
        await (await other.PostAsJsonAsync($"/primaries/review/{reviewId}/resolve", new { decision = "new", reason = "x" })).Expect(HttpStatusCode.NotFound);
        await DecideAsync(other, new { patientId = patient, incoming = Tumor("C504", "8500", "3", "1", "20230301") }, HttpStatusCode.NotFound);
        Assert.Contains((await api.WithBearer(Principal.RegistrarA.Token!).GetJson("/primaries/review")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("reviewId").GetGuid() == reviewId);
    }

    [Fact]
    public async Task Epidemiologists_and_managers_cannot_see_or_resolve_the_review()
    {
        foreach (var p in new[] { Principal.Epidemiologist, Principal.Manager })
        {
            var client = api.WithBearer(p.Token!);
            await (await client.GetAsync("/primaries/review")).Expect(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync("/primaries/decide", new { incoming = Tumor("C504", "8500", "3", "1", "20230101") })).Expect(HttpStatusCode.Forbidden);
        }
        await (await api.WithBearer(Principal.RegistrarA.Token!).GetAsync("/primaries/review")).Expect(HttpStatusCode.OK);
    }
}
