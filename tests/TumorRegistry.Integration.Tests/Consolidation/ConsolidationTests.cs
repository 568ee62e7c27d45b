using System.Net;
using System.Text.Json;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Infrastructure.Consolidation;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Consolidation;

/// <summary>
/// Reports of one tumor folded into its case over HTTP against PostgreSQL: the item rules, the source of every item,
/// a conflicting diagnosis date held in review until a registrar resolves it, re-sends, refusals and roles.
/// </summary>
public sealed class ConsolidationTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private const string Facility = "0000000071";

    private async Task<(HttpClient Client, Guid CaseId, int Version)> CaseWithDiagnosisAsync(string patientNumber)
    {
        var alice = api.Registrar("alice");
        var patient = await alice.RegisterPatientAsync(patientNumber);
        var (caseId, v) = await alice.OpenCaseAsync(patient, Facility);
        var recorded = await alice.WriteAsync($"/cases/{caseId}/diagnosis", new
        {
            primarySite = "C509", laterality = "9", histology = "8010", behavior = "3", diagnosticConfirmation = "8",
            dateOfDiagnosis = "20240310", gradeClinical = "9",
        }, v);
        await recorded.Expect(HttpStatusCode.OK);
        return (alice, caseId, recorded.ETag());
    }

    private static object Pathology => new
    {
        sourceId = "HL7-PATH-0001", sourceKind = "pathology HL7", reportingFacility = "0000000099", receivedAt = "2024-03-20T10:00:00Z",
        items = new Dictionary<string, string>
        {
            ["primarySite"] = "C504", ["laterality"] = "2", ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "3",
            ["diagnosticConfirmation"] = "1", ["gradePathological"] = "3",
        },
    };

    private static object Abstract(string id, string date) => new
    {
        sourceId = id, sourceKind = "abstract", reportingFacility = Facility,
        items = new Dictionary<string, string> { ["dateOfDiagnosis"] = date, ["summaryStage2018"] = "2", ["laterality"] = "9" },
    };

    [Fact]
    public async Task Two_reports_of_one_tumor_give_one_case_whose_items_follow_the_rules_with_the_source_of_each()
    {
        var (alice, caseId, v) = await CaseWithDiagnosisAsync("00007101");
        var path = await (await alice.WriteAsync($"/cases/{caseId}/source-records", Pathology, v)).Expect(HttpStatusCode.OK);
        Assert.Equal(["diagnosticConfirmation:ranked.higher", "gradePathological:fill-blank", "histologicTypeIcdO3:histology.more-specific",
            "laterality:ranked.unknown-replaced", "primarySite:site.more-specific"], Changes(path));
        var abs = await (await alice.WriteAsync($"/cases/{caseId}/source-records", Abstract("ABS-0001", "20240301"), path.GetProperty("version").GetInt32()))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["dateOfDiagnosis:date.earliest", "summaryStage2018:fill-blank"], Changes(abs));
        Assert.Empty(abs.GetProperty("conflicts").EnumerateArray());

        var items = (await alice.GetJson($"/cases/{caseId}")).Items("tumorItems");
        Assert.Equal(("C504", "2", "8500", "1", "20240301", "2"), (items["primarySite"], items["laterality"], items["histologicTypeIcdO3"],
            items["diagnosticConfirmation"], items["dateOfDiagnosis"], items["summaryStage2018"]));

        var sources = await alice.GetJson($"/cases/{caseId}/sources");
        var byItem = sources.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("naaccrId").GetString()!);
        Assert.Equal("HL7-PATH-0001", byItem["histologicTypeIcdO3"].GetProperty("suppliedBy").GetProperty("sourceId").GetString());
        Assert.Equal("ABS-0001", byItem["summaryStage2018"].GetProperty("suppliedBy").GetProperty("sourceId").GetString());
        Assert.Equal("registrar", byItem["behaviorCodeIcdO3"].GetProperty("suppliedBy").GetProperty("kind").GetString());
        // What every source said about laterality: the pathology's 2 applied, the abstract's 9 not.
        Assert.Equal(["HL7-PATH-0001:2:applied", "ABS-0001:9:not applied"], byItem["laterality"].GetProperty("sources").EnumerateArray()
            .Select(s => $"{s.GetProperty("sourceId").GetString()}:{s.GetProperty("value").GetString()}:{s.GetProperty("outcome").GetString()}"));
        Assert.Equal(2, sources.GetProperty("sources").GetArrayLength());
        Assert.Equal("C504", sources.GetProperty("sources")[0].GetProperty("items").GetProperty("primarySite").GetString()); // stored whole

        // The case's edits still run over the consolidated items, and the summary read model has them.
        var edits = await alice.GetJson($"/cases/{caseId}/edits");
        Assert.Equal(JsonValueKind.Object, edits.ValueKind);
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        Assert.Equal("C504", await db.ScalarAsync($"select primary_site from case_summary where case_id = '{caseId}'"));
        Assert.Equal(1L, await db.ScalarAsync($"select count(*) from phi_audit where case_id = '{caseId}' and action like 'GET /cases/{{caseId:guid}}/sources'"));
    }

    [Fact]
    public async Task A_conflicting_diagnosis_date_lands_in_review_and_is_applied_only_when_resolved()
    {
        var (alice, caseId, v) = await CaseWithDiagnosisAsync("00007102");
        var response = await (await alice.WriteAsync($"/cases/{caseId}/source-records", Abstract("ABS-0002", "20230115"), v)).Expect(HttpStatusCode.OK);
        var conflict = Assert.Single(response.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(("dateOfDiagnosis", "date.conflict"), (conflict.GetProperty("naaccrId").GetString(), conflict.GetProperty("ruleId").GetString()));
        var version = response.GetProperty("version").GetInt32();
        Assert.Equal("20240310", (await alice.GetJson($"/cases/{caseId}")).Items("tumorItems")["dateOfDiagnosis"]);

        var review = await alice.GetJson($"/consolidation/review?facility={Facility}");
        var listed = review.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal(("20240310", "20230115", "ABS-0002"), (listed.GetProperty("caseValue").GetString(), listed.GetProperty("sourceValue").GetString(),
            listed.GetProperty("sourceId").GetString()));
        Assert.True(review.GetProperty("open").GetInt32() >= 1);
        Assert.Contains(review.GetProperty("byItem").EnumerateArray(), c => c.GetProperty("naaccrId").GetString() == "dateOfDiagnosis");
        Assert.Equal(0, listed.GetProperty("ageDays").GetInt32());

        var id = conflict.GetProperty("conflictId").GetGuid();
        var noReason = await alice.WriteAsync($"/consolidation/review/{id}/resolve", new { value = "20230115" }, version);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        await (await alice.WriteAsync($"/consolidation/review/{id}/resolve", new { value = "20230115", reason = "Biopsy of January 2023 confirmed" }, version))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("20230115", (await alice.GetJson($"/cases/{caseId}")).Items("tumorItems")["dateOfDiagnosis"]);
        var after = await alice.GetJson($"/consolidation/review?facility={Facility}");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("conflictId").GetGuid() == id);
        var current = (await alice.GetJson($"/cases/{caseId}")).GetProperty("version").GetInt32();
        var again = await (await alice.WriteAsync($"/consolidation/review/{id}/resolve", new { value = "20240310", reason = "again" }, current))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("conflict", out _));
    }

    [Fact]
    public async Task The_review_table_rebuilt_from_the_events_equals_the_live_one()
    {
        var (alice, caseId, v) = await CaseWithDiagnosisAsync("00007105");
        var first = await (await alice.WriteAsync($"/cases/{caseId}/source-records", Abstract("ABS-0005", "20220101"), v)).Expect(HttpStatusCode.OK);
        var second = await (await alice.WriteAsync($"/cases/{caseId}/source-records", new
        {
            sourceId = "HL7-PATH-0005", sourceKind = "pathology HL7", items = new Dictionary<string, string> { ["primarySite"] = "C341" },
        }, first.GetProperty("version").GetInt32())).Expect(HttpStatusCode.OK);
        var id = first.GetProperty("conflicts")[0].GetProperty("conflictId").GetGuid();
        await (await alice.WriteAsync($"/consolidation/review/{id}/resolve", new { value = "20240310", reason = "the 2022 date was a prior benign biopsy" },
            second.GetProperty("version").GetInt32())).Expect(HttpStatusCode.OK);
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        const string snapshot = "select coalesce(string_agg(concat_ws('|', conflict_id, case_id, naaccr_id, case_value, source_value, rule_id, source_id, raised_at, resolved_at, chosen_value, resolved_by), ';' order by conflict_id), '') from consolidation_review";
        var live = (string)(await db.ScalarAsync(snapshot))!;
        Assert.Contains("site.conflict", live);
        Assert.Contains("alice", live);
        await api.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(ConsolidationReviewProjection.ProjectionName);
        Assert.Equal(live, (string)(await db.ScalarAsync(snapshot))!);
    }

    [Fact]
    public async Task Resending_a_source_is_a_no_op_and_bad_items_are_refused_naming_the_record_and_item()
    {
        var (alice, caseId, v) = await CaseWithDiagnosisAsync("00007103");
        var first = await (await alice.WriteAsync($"/cases/{caseId}/source-records", Pathology, v)).Expect(HttpStatusCode.OK);
        var version = first.GetProperty("version").GetInt32();
        var resend = await (await alice.WriteAsync($"/cases/{caseId}/source-records", Pathology, version)).Expect(HttpStatusCode.OK);
        Assert.True(resend.GetProperty("alreadyConsolidated").GetBoolean());
        Assert.Equal(version, resend.GetProperty("version").GetInt32());
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        Assert.Equal(1L, await db.ScalarAsync($"select count(*) from marten.mt_events where stream_id = '{caseId}' and type = 'SourceRecordConsolidated'"));

        var bad = await alice.WriteAsync($"/cases/{caseId}/source-records", new
        {
            sourceId = "HL7-PATH-0002", sourceKind = "pathology HL7", items = new Dictionary<string, string> { ["dateOfDiagnosis"] = "20241399", ["laterality"] = "1" },
        }, version);
        var problem = await bad.Expect(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("dateOfDiagnosis")[0].GetString()!;
        Assert.Contains("HL7-PATH-0002", message);
        Assert.Equal(version, (await alice.GetJson($"/cases/{caseId}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Epidemiologists_may_not_consolidate_nor_see_the_review()
    {
        var (_, caseId, v) = await CaseWithDiagnosisAsync("00007104");
        var epi = api.As("eve", [RegistryRoles.Epidemiologist]);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.WriteAsync($"/cases/{caseId}/source-records", Pathology, v)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync("/consolidation/review")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync($"/cases/{caseId}/sources")).StatusCode);
        // A registrar of another facility does not see the case's sources.
        var other = api.As("olga", [RegistryRoles.Registrar], "0000000555");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{caseId}/sources")).StatusCode);
    }

    private static List<string> Changes(JsonElement response) => response.GetProperty("changes").EnumerateArray()
        .Select(c => $"{c.GetProperty("naaccrId").GetString()}:{c.GetProperty("ruleId").GetString()}").Order(StringComparer.Ordinal).ToList();
}
