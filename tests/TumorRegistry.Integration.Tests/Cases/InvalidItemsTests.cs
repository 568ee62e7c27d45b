using System.Net;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class InvalidItemsTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Invalid_codes_and_malformed_dates_give_400_naming_the_item_and_store_nothing()
    {
        var alice = registry.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync();
        var (caseId, version) = await alice.OpenCaseAsync(patientId);
        var historyBefore = (await alice.GetJson($"/cases/{caseId}/history")).GetProperty("entries").GetArrayLength();

        var response = await alice.WriteAsync($"/cases/{caseId}/diagnosis", new
        {
            primarySite = "C999", laterality = "7", histology = "8500", behavior = "3", dateOfDiagnosis = "20230231", classOfCase = "14",
        }, version);
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["dateOfDiagnosis", "laterality", "primarySite"], errors.EnumerateObject().Select(e => e.Name).Order().ToArray());
        Assert.Contains("Day 31 does not exist", errors.GetProperty("dateOfDiagnosis")[0].GetString());
        Assert.Contains("'7' is not a valid code", errors.GetProperty("laterality")[0].GetString());
        Assert.Contains("not an ICD-O-3 topography code", errors.GetProperty("primarySite")[0].GetString());

        var malformed = await (await alice.WriteAsync($"/patients/{patientId}/demographics", new { dateOfBirth = "7/29/73", sex = "X" }, 3))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("is not a date", malformed.GetProperty("errors").GetProperty("dateOfBirth")[0].GetString());
        Assert.True(malformed.GetProperty("errors").TryGetProperty("sex", out _));
        var badCorrection = await (await alice.WriteAsync($"/cases/{caseId}/corrections",
            new { items = new Dictionary<string, string?> { ["summaryStage2018"] = "Q" }, reason = "typo" }, version)).Expect(HttpStatusCode.BadRequest);
        Assert.True(badCorrection.GetProperty("errors").TryGetProperty("summaryStage2018", out _));
        var noReason = await (await alice.WriteAsync($"/cases/{caseId}/corrections",
            new { items = new Dictionary<string, string?> { ["summaryStage2018"] = "1" } }, version)).Expect(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));

        // A body that is not the step's shape (a number where a code goes) is a 400 ProblemDetails too.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/cases/{caseId}/diagnosis")
        {
            Content = new StringContent("""{"primarySite": 504}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var shape = await alice.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        Assert.Equal("application/problem+json", shape.Content.Headers.ContentType?.MediaType);

        // Nothing was stored: same versions, same history, no diagnosis items.
        var view = await alice.GetJson($"/cases/{caseId}");
        Assert.Equal(version, view.GetProperty("version").GetInt32());
        Assert.Equal(3, view.GetProperty("patientVersion").GetInt32());
        Assert.False(view.Items("items").ContainsKey("primarySite"));
        Assert.Equal("19730729", view.Items("items")["dateOfBirth"]);
        Assert.Equal(historyBefore, (await alice.GetJson($"/cases/{caseId}/history")).GetProperty("entries").GetArrayLength());

        // The same step with valid values is accepted.
        await (await alice.WriteAsync($"/cases/{caseId}/diagnosis", new
        {
            primarySite = "C504", laterality = "2", histology = "8500", behavior = "3", dateOfDiagnosis = "20230228", classOfCase = "14",
        }, version)).Expect(HttpStatusCode.OK);
    }
}
