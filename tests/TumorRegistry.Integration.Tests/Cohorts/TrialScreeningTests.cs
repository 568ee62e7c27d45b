using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Integration.Tests.Survival;

namespace TumorRegistry.Integration.Tests.Cohorts;

/// <summary>Clinical trial screening: living patients meeting a saved cohort, with matching items; identified, so audited and not for epidemiologists.</summary>
public sealed class TrialScreeningTests(SurvivalApiFixture fx) : IClassFixture<SurvivalApiFixture>
{
    async Task SaveAsync()
    {
        var response = await fx.Client.PostAsJsonAsync("/cohorts?replace=true",
            new { name = "early-lung", definition = new Dictionary<string, string> { ["site"] = "30", ["stage"] = "1,3" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Registrars_get_the_living_candidates_with_their_matching_items_and_each_is_audited()
    {
        await SaveAsync();
        var registrar = fx.Api.As("rita.registrar", [RegistryRoles.Registrar]);
        var response = await registrar.GetAsync("/cohorts/early-lung/trial-candidates");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var candidates = JsonDocument.Parse(body).RootElement.GetProperty("candidates").EnumerateArray().ToList();

        var expected = fx.Cases.Where(c => c.DuplicateOf is null && c.Recode == "30" && c.Stage is "1" or "3" && c.VitalStatus == "1")
            .Select(c => c.CaseId).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(fx.Cases, c => c.Recode == "30" && c.Stage is "1" or "3" && c.VitalStatus == "0"); // the dead are left out
        Assert.Equal(expected, candidates.Select(c => c.GetProperty("caseId").GetGuid()).Order());
        foreach (var c in candidates)
        {
            var items = c.GetProperty("matchingItems");
            Assert.Equal("30", items.GetProperty("siteRecode2023").GetString());
            Assert.Contains(items.GetProperty("summaryStage2018").GetString(), new[] { "1", "3" });
            Assert.Equal("1", items.GetProperty("vitalStatus").GetString());
            Assert.False(string.IsNullOrEmpty(c.GetProperty("patientIdNumber").GetString()));
        }
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        await using var db = NpgsqlDataSource.Create(fx.Api.ConnectionString);
        var audited = (long)(await db.ScalarAsync(
            "select count(distinct case_id) from phi_audit where user_name = 'rita.registrar' and action like '%trial-candidates%' and case_id is not null"))!;
        Assert.Equal(expected.Count, audited);
    }

    [Fact]
    public async Task Epidemiologists_are_refused_and_a_hospital_registrar_sees_only_their_facility()
    {
        await SaveAsync();
        var epi = fx.Api.As("eve.epi", [RegistryRoles.Epidemiologist]);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync("/cohorts/early-lung/trial-candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await epi.GetAsync("/cohorts/early-lung")).StatusCode); // the criteria are not identified

        var hospital = fx.Api.As("hal.registrar", [RegistryRoles.Registrar], "0000005678");
        var body = await hospital.GetStringAsync("/cohorts/early-lung/trial-candidates");
        var facilities = JsonDocument.Parse(body).RootElement.GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("facility").GetString()).Distinct().ToList();
        Assert.Equal(["0000005678"], facilities);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync("/cohorts/early-lung/trial-candidates?facility=0000001234")).StatusCode);
    }
}
