using System.Net;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class AbstractionTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task A_case_abstracted_step_by_step_reads_back_with_every_item_its_history_and_as_of_an_earlier_date()
    {
        var clock = new ManualClock(CaseApi.Start);
        var api = registry.WithClock(clock);
        var alice = api.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync();
        var (caseId, version) = await alice.OpenCaseAsync(patientId);
        version = await alice.AbstractAsync(caseId, version, between: () => clock.Advance(TimeSpan.FromMinutes(1)));
        var completed = await alice.WriteAsync($"/cases/{caseId}/complete", null, version);
        await completed.Expect(HttpStatusCode.OK);
        Assert.Equal(version + 1, completed.ETag());

        // Every item reads back, patient and tumor, with status and version.
        var current = await alice.GetJson($"/cases/{caseId}");
        var items = current.Items("items");
        foreach (var (id, value) in CaseApi.ExpectedItems()) Assert.True(items.GetValueOrDefault(id) == value, $"{id}: {items.GetValueOrDefault(id)} != {value}");
        Assert.Equal("20250602", items["dateCaseCompleted"]);
        Assert.Equal(CaseApi.ExpectedItems().Count + 1, items.Count);
        Assert.Equal("completed", current.GetProperty("status").GetString());
        Assert.Equal(7, current.GetProperty("version").GetInt32());
        Assert.Equal(patientId, current.GetProperty("patientId").GetGuid());

        // Later, a second registrar corrects the clinical grade with a reason.
        var beforeCorrection = clock.Now;
        clock.Advance(TimeSpan.FromDays(3));
        var bob = api.Registrar("bob");
        var corrected = await bob.WriteAsync($"/cases/{caseId}/corrections",
            new { items = new Dictionary<string, string?> { ["gradeClinical"] = "3" }, reason = "pathology review: grade 3" }, 7);
        await corrected.Expect(HttpStatusCode.OK);

        var now = await bob.GetJson($"/cases/{caseId}");
        Assert.Equal("3", now.Items("items")["gradeClinical"]);
        Assert.Equal(8, now.GetProperty("version").GetInt32());
        var earlier = await bob.GetJson($"/cases/{caseId}?asOf={Uri.EscapeDataString(beforeCorrection.ToString("O"))}");
        Assert.Equal("2", earlier.Items("items")["gradeClinical"]);
        Assert.Equal(7, earlier.GetProperty("version").GetInt32());
        // As of before the diagnosis step, the diagnosis items were not there yet.
        var beforeDiagnosis = await bob.GetJson($"/cases/{caseId}?asOf={Uri.EscapeDataString(CaseApi.Start.AddSeconds(30).ToString("O"))}");
        Assert.False(beforeDiagnosis.Items("items").ContainsKey("primarySite"));
        Assert.Equal("MO", beforeDiagnosis.Items("items")["addrAtDxState"]);
        Assert.Equal("completed", earlier.GetProperty("status").GetString());

        // The history: every event of the patient and the case, who, when, why, and item by item old -> new.
        var history = (await bob.GetJson($"/cases/{caseId}/history")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3 + 8, history.Count);
        Assert.Equal(["PatientRegistered", "DemographicsRecorded", "FollowUpRecorded", "CaseOpened", "AddressAtDiagnosisRecorded",
            "DiagnosisRecorded", "StageRecorded", "TreatmentRecorded", "TumorFollowUpRecorded", "CaseCompleted", "ItemsCorrected"],
            history.Select(h => h.GetProperty("event").GetString()!).ToArray());
        Assert.All(history.Take(10), h => Assert.Equal("alice", h.GetProperty("user").GetString()));
        var diagnosis = history[5];
        Assert.Equal("diagnosis abstracted from the chart", diagnosis.GetProperty("reason").GetString());
        Assert.Equal(CaseApi.Start.AddMinutes(1), diagnosis.GetProperty("recordedAt").GetDateTimeOffset());
        var diagnosisChanges = diagnosis.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("naaccrId").GetString()!);
        Assert.Equal(11, diagnosisChanges.Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, diagnosisChanges["primarySite"].GetProperty("oldValue").ValueKind);
        Assert.Equal("C504", diagnosisChanges["primarySite"].GetProperty("newValue").GetString());

        var correction = history[^1];
        Assert.Equal("bob", correction.GetProperty("user").GetString());
        Assert.Equal("pathology review: grade 3", correction.GetProperty("reason").GetString());
        Assert.Equal(beforeCorrection.AddDays(3), correction.GetProperty("recordedAt").GetDateTimeOffset());
        var change = Assert.Single(correction.GetProperty("changes").EnumerateArray());
        Assert.Equal(("gradeClinical", "2", "3"), (change.GetProperty("naaccrId").GetString(), change.GetProperty("oldValue").GetString(),
            change.GetProperty("newValue").GetString()));
    }

    [Fact]
    public async Task Writes_need_a_registrar_and_If_Match_and_unknown_streams_are_404()
    {
        var alice = registry.Registrar("alice");
        var anonymous = registry.Registrar(null);
        var patientId = await alice.RegisterPatientAsync("00000077");
        var (caseId, version) = await alice.OpenCaseAsync(patientId);

        // Not signed in: 401 (X-Registrar, which once named the writer, means nothing now).
        anonymous.DefaultRequestHeaders.Add("X-Registrar", "alice");
        await (await anonymous.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "1" }, version)).Expect(HttpStatusCode.Unauthorized);
        await (await anonymous.WriteAsync("/patients", new { patientIdNumber = "00000078" }, null)).Expect(HttpStatusCode.Unauthorized);
        await (await alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "1" }, null)).Expect(HttpStatusCode.PreconditionRequired);
        await (await alice.WriteAsync($"/cases/{Guid.NewGuid()}/stage", new { summaryStage2018 = "1" }, 1)).Expect(HttpStatusCode.NotFound);
        await (await alice.WriteAsync("/cases", new { patientId = Guid.NewGuid(), reportingFacility = "0000000001" }, null)).Expect(HttpStatusCode.NotFound);
        await (await alice.GetAsync($"/cases/{Guid.NewGuid()}")).Expect(HttpStatusCode.NotFound);
        // A patient id is not a case.
        await (await alice.GetAsync($"/cases/{patientId}")).Expect(HttpStatusCode.NotFound);

        var unchanged = await alice.GetAsync($"/cases/{caseId}");
        Assert.Equal(version, unchanged.ETag());
        await (await alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "1" }, version)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_case_endpoints_are_in_the_OpenAPI_document()
    {
        var document = await (await registry.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        foreach (var path in new[] { "/patients", "/patients/{patientId}/demographics", "/patients/{patientId}/death", "/cases",
            "/cases/{caseId}/diagnosis", "/cases/{caseId}/complete", "/cases/{caseId}/corrections", "/cases/{caseId}/overrides",
            "/cases/{caseId}/history", "/cases/{caseId}/edits", "/cases/{caseId}/import", "/worklists", "/edits" })
            Assert.Contains($"\"{path}\"", document);
    }
}
