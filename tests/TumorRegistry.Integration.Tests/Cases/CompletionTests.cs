using System.Net;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class CompletionTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Completion_with_a_failing_error_edit_is_refused_with_the_edit_then_an_override_with_a_reason_lets_it_complete()
    {
        var alice = registry.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync();
        var (caseId, version) = await alice.OpenCaseAsync(patientId);
        // 8519/3 is not in the ICD-O-3 histology/behavior list (8519/2 is): TR120 fails, an error a registrar may override.
        version = await alice.AbstractAsync(caseId, version, histology: "8519");

        var refused = await (await alice.WriteAsync($"/cases/{caseId}/complete", null, version)).Expect(HttpStatusCode.UnprocessableEntity);
        var failing = Assert.Single(refused.GetProperty("failingEdits").EnumerateArray());
        Assert.Equal("TR120", failing.GetProperty("id").GetString());
        Assert.Equal("error", failing.GetProperty("severity").GetString());
        Assert.True(failing.GetProperty("overridable").GetBoolean());
        Assert.Contains("histology/behavior combination", failing.GetProperty("message").GetString());
        Assert.Equal(["histologicTypeIcdO3", "behaviorCodeIcdO3"], failing.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToArray());
        var afterRefusal = await alice.GetJson($"/cases/{caseId}");
        Assert.Equal(version, afterRefusal.GetProperty("version").GetInt32());
        Assert.Equal("failing_edits", afterRefusal.GetProperty("status").GetString());
        var edits = await alice.GetJson($"/cases/{caseId}/edits");
        Assert.True(edits.GetProperty("blocksCompletion").GetBoolean());
        Assert.Equal(1, edits.GetProperty("errors").GetInt32());

        // An edit that cannot be overridden is refused, naming the edit; a reason is required.
        var notOverridable = await (await alice.WriteAsync($"/cases/{caseId}/overrides", new { editId = "TR001", reason = "checked" }, version))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(notOverridable.GetProperty("errors").TryGetProperty("TR001", out _));
        var noReason = await (await alice.WriteAsync($"/cases/{caseId}/overrides", new { editId = "TR120" }, version)).Expect(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));

        var bob = registry.Registrar("bob");
        var overridden = await bob.WriteAsync($"/cases/{caseId}/overrides",
            new { editId = "TR120", reason = "pathologist confirms borderline duct lesion" }, version);
        await overridden.Expect(HttpStatusCode.OK);
        version = overridden.ETag();
        var reviewed = await bob.GetJson($"/cases/{caseId}");
        Assert.Equal("open", reviewed.GetProperty("status").GetString());
        Assert.Equal("pathologist confirms borderline duct lesion", reviewed.GetProperty("overrides").GetProperty("TR120").GetString());

        var completed = await bob.WriteAsync($"/cases/{caseId}/complete", null, version);
        await completed.Expect(HttpStatusCode.OK);
        Assert.Equal("completed", (await bob.GetJson($"/cases/{caseId}")).GetProperty("status").GetString());

        var history = (await bob.GetJson($"/cases/{caseId}/history")).GetProperty("entries").EnumerateArray().ToList();
        var overrideEntry = Assert.Single(history, h => h.GetProperty("event").GetString() == "EditOverridden");
        Assert.Equal("bob", overrideEntry.GetProperty("user").GetString());
        Assert.Equal("pathologist confirms borderline duct lesion", overrideEntry.GetProperty("reason").GetString());
        Assert.Equal("edit TR120 overridden", overrideEntry.GetProperty("detail").GetString());
        Assert.Equal("CaseCompleted", history[^1].GetProperty("event").GetString());

        // A completed case takes no more steps; it is reopened with a reason, then corrected.
        await (await bob.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "2" }, completed.ETag())).Expect(HttpStatusCode.BadRequest);
        await (await bob.WriteAsync($"/cases/{caseId}/reopen", new { }, completed.ETag())).Expect(HttpStatusCode.BadRequest);
        var reopened = await bob.WriteAsync($"/cases/{caseId}/reopen", new { reason = "late pathology addendum" }, completed.ETag());
        await reopened.Expect(HttpStatusCode.OK);
        Assert.Equal("open", (await bob.GetJson($"/cases/{caseId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_case_marked_duplicate_stops_taking_changes()
    {
        var alice = registry.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync("00000200");
        var (original, _) = await alice.OpenCaseAsync(patientId);
        var (copy, version) = await alice.OpenCaseAsync(patientId);
        await (await alice.WriteAsync($"/cases/{copy}/duplicate", new { duplicateOfCaseId = Guid.NewGuid(), reason = "same tumor" }, version))
            .Expect(HttpStatusCode.NotFound);
        var marked = await alice.WriteAsync($"/cases/{copy}/duplicate", new { duplicateOfCaseId = original, reason = "same tumor reported twice" }, version);
        await marked.Expect(HttpStatusCode.OK);
        var view = await alice.GetJson($"/cases/{copy}");
        Assert.Equal("duplicate", view.GetProperty("status").GetString());
        Assert.Equal(original, view.GetProperty("duplicateOf").GetGuid());
        var refused = await (await alice.WriteAsync($"/cases/{copy}/stage", new { summaryStage2018 = "1" }, marked.ETag())).Expect(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("case", out _));
    }
}
