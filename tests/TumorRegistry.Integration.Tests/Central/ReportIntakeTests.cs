using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Casefinding;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Central;

/// <summary>
/// POST /casefinding/{id}/accept: a pathology report becomes a patient and a case (linkage finds no one, the rules a new
/// primary, consolidation fills the case); a second report of the same tumor goes to the same case.
/// </summary>
public sealed class ReportIntakeTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static ByteArrayContent Hl7(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("x-application/hl7-v2+er7");
        return content;
    }

    [Fact]
    public async Task A_report_becomes_a_patient_and_a_case_and_a_second_report_of_the_tumor_joins_that_case()
    {
        var registrar = api.As("reg.intake", [RegistryRoles.Registrar]);
        var first = Encoding.UTF8.GetString(CasefindingSamples.Bytes("path-breast-reportable.hl7"));
        var reportId = (await (await registrar.PostAsync("/reports/hl7v2", Hl7(first))).Expect(HttpStatusCode.Created)).GetProperty("reportId").GetGuid();

        var accepted = await (await registrar.PostAsJsonAsync($"/casefinding/{reportId}/accept", new { })).Expect(HttpStatusCode.Created);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.StartsWith("new patient", accepted.GetProperty("patient").GetString());
        Assert.StartsWith("new primary", accepted.GetProperty("primary").GetString());
        var caseId = accepted.GetProperty("caseId").GetGuid();
        var patientId = accepted.GetProperty("patientId").GetGuid();

        var view = await registrar.GetJson($"/cases/{caseId}");
        var items = view.GetProperty("items");
        Assert.Equal(patientId, view.GetProperty("patientId").GetGuid());
        Assert.Equal("C504", items.GetProperty("primarySite").GetString());
        Assert.Equal("8500", items.GetProperty("histologicTypeIcdO3").GetString());
        Assert.Equal("3", items.GetProperty("behaviorCodeIcdO3").GetString());
        Assert.Equal("2", items.GetProperty("laterality").GetString());
        Assert.Equal("20", items.GetProperty("casefindingSource").GetString());
        Assert.Equal("Quintero", items.GetProperty("nameLast").GetString());
        Assert.StartsWith("9", items.GetProperty("patientIdNumber").GetString());
        // Each item names the report it came from (view source data).
        var sources = (await registrar.GetJson($"/cases/{caseId}/sources")).ToString();
        Assert.Contains(reportId.ToString(), sources);
        var report = await registrar.GetJson($"/reports/{reportId}");
        Assert.Equal("resolved", report.GetProperty("status").GetString());
        Assert.Contains(caseId.ToString(), report.GetProperty("resolution").GetString());
        await (await registrar.PostAsJsonAsync($"/casefinding/{reportId}/accept", new { })).Expect(HttpStatusCode.Conflict);

        // A second specimen of the same tumor two days later (another message, another accession).
        var second = first.Replace("SPL-2025-000417", "SPL-2025-000522").Replace("SP25-1182", "SP25-1240")
            .Replace("20250310083000", "20250312091500").Replace("CORE NEEDLE BIOPSY", "LUMPECTOMY");
        var secondId = (await (await registrar.PostAsync("/reports/hl7v2", Hl7(second))).Expect(HttpStatusCode.Created)).GetProperty("reportId").GetGuid();
        var response = await registrar.PostAsJsonAsync($"/casefinding/{secondId}/accept", new { });
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Before the first duplicate search the linkage model is the starting one (thresholds 20 and 5): the weight of this
        // pair falls between them, so the report waits for the registrar, who picks the patient among the candidates.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        {
            Assert.Equal("linkage review", outcome.GetProperty("waiting").GetString());
            Assert.Contains(outcome.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("patientId").GetGuid() == patientId);
            Assert.Equal("in_progress", (await registrar.GetJson($"/reports/{secondId}")).GetProperty("status").GetString());
            response = await registrar.PostAsJsonAsync($"/casefinding/{secondId}/accept", new { patientId });
            outcome = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.True(response.StatusCode == HttpStatusCode.Created, outcome.ToString());
        Assert.Equal(patientId, outcome.GetProperty("patientId").GetGuid());
        Assert.Equal(caseId, outcome.GetProperty("caseId").GetGuid());
        Assert.StartsWith("same primary (Breast", outcome.GetProperty("primary").GetString());
        Assert.Single((await registrar.GetJson($"/worklists?search={Uri.EscapeDataString("Quintero")}")).GetProperty("cases").EnumerateArray());
        sources = (await registrar.GetJson($"/cases/{caseId}/sources")).ToString();
        Assert.Contains(secondId.ToString(), sources);
    }

    [Fact]
    public async Task Only_registrars_accept_and_an_unknown_report_is_404()
    {
        await (await api.As("mgr.intake", [RegistryRoles.Manager]).PostAsJsonAsync($"/casefinding/{Guid.NewGuid()}/accept", new { }))
            .Expect(HttpStatusCode.Forbidden);
        var registrar = api.As("reg.intake2", [RegistryRoles.Registrar]);
        await (await registrar.PostAsJsonAsync($"/casefinding/{Guid.NewGuid()}/accept", new { })).Expect(HttpStatusCode.NotFound);
        await (await registrar.PostAsJsonAsync($"/casefinding/{Guid.NewGuid()}/accept", new { patientId = Guid.NewGuid(), newPatient = true }))
            .Expect(HttpStatusCode.BadRequest);
    }
}
