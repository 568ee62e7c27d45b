using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Casefinding;

/// <summary>The casefinding endpoints over HTTP: receive, refuse, re-send, the queue, the report (audited), dismiss, roles.</summary>
public sealed class CasefindingApiTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static ByteArrayContent Body(string sample, string type)
    {
        var content = new ByteArrayContent(CasefindingSamples.Bytes(sample));
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task Reports_in_screened_queued_shown_audited_and_dismissed()
    {
        var registrar = api.As("reg.cf", [RegistryRoles.Registrar]);
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        var before = await CasefindingSamples.CountsAsync(db);

        var created = await (await registrar.PostAsync("/reports/hl7v2?source=Sunrise%20lab", Body("path-breast-reportable.hl7", "x-application/hl7-v2+er7")))
            .Expect(HttpStatusCode.Created);
        var id = created.GetProperty("reportId").GetGuid();
        Assert.True(created.GetProperty("reportable").GetBoolean());
        await (await registrar.PostAsync("/reports/hl7v2", Body("path-colon-negated.hl7", "x-application/hl7-v2+er7"))).Expect(HttpStatusCode.Created);
        var lung = await (await registrar.PostAsync("/reports/fhir", Body("ehr-lung-reportable.json", "application/fhir+json"))).Expect(HttpStatusCode.Created);
        await (await registrar.PostAsync("/reports/fhir", Body("ehr-colon-not-reportable.json", "application/fhir+json"))).Expect(HttpStatusCode.Created);
        var added = await CasefindingSamples.CountsAsync(db);
        Assert.Equal((before.Reports + 4, before.Events + 8, before.Queue + 4), added);

        // A re-send answers 200 with the first receipt and adds nothing.
        var again = await (await registrar.PostAsync("/reports/hl7v2", Body("path-breast-reportable.hl7", "x-application/hl7-v2+er7"))).Expect(HttpStatusCode.OK);
        Assert.Equal(id, again.GetProperty("reportId").GetGuid());
        Assert.True(again.GetProperty("alreadyReceived").GetBoolean());
        Assert.Equal(added, await CasefindingSamples.CountsAsync(db));

        // Malformed: 400 naming segment and field (or resource and element), no value quoted, nothing stored.
        var text = System.Text.Encoding.UTF8.GetString(CasefindingSamples.Bytes("path-breast-reportable.hl7"));
        foreach (var (bad, where) in new[] { (text.Replace("19580922", "19581399"), "PID[1]-7"), (text.Replace("ORU^R01^ORU_R01", "ADT^A04"), "MSH[1]-9"),
                     (text.Replace("Quintero^", "^"), "PID[1]-5.1"), ("PID|1||X\r", "MSH") })
        {
            var refused = await (await registrar.PostAsync("/reports/hl7v2", Body(System.Text.Encoding.UTF8.GetBytes(bad), "x-application/hl7-v2+er7")))
                .Expect(HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(where, out _), $"{where} in {refused}");
            Assert.DoesNotContain("19581399", refused.ToString());
        }
        var fhirBad = System.Text.Encoding.UTF8.GetString(CasefindingSamples.Bytes("ehr-lung-reportable.json")).Replace("\"family\": \"Tsosie\",", "");
        var fhirRefused = await (await registrar.PostAsync("/reports/fhir", Body(System.Text.Encoding.UTF8.GetBytes(fhirBad), "application/fhir+json")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(fhirRefused.GetProperty("errors").TryGetProperty("Bundle.entry[0].resource(Patient).name.family", out _), fhirRefused.ToString());
        Assert.Equal(added, await CasefindingSamples.CountsAsync(db));
        // text/plain is what another origin may post without a preflight: refused like the other bodies read by hand.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await registrar.PostAsync("/reports/hl7v2", Body("path-breast-reportable.hl7", "text/plain"))).StatusCode);
        // A report over the limit is refused with 413 and stores nothing.
        var huge = new byte[TumorRegistry.Api.Casefinding.ReceiveReports.MaxReportBytes + 1];
        Array.Fill(huge, (byte)'A');
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await registrar.PostAsync("/reports/hl7v2", Body(huge, "x-application/hl7-v2+er7"))).StatusCode);
        Assert.Equal(added, await CasefindingSamples.CountsAsync(db));

        // The queue: counts by status, non-reportable counted.
        var manager = api.As("mgr.cf", [RegistryRoles.Manager]);
        var queue = await manager.GetJson("/casefinding?status=new");
        var counts = queue.GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("status").GetString()!, c => c.GetProperty("reports").GetInt32());
        Assert.True(counts["new"] >= 2 && counts["not_reportable"] >= 2, queue.ToString());
        Assert.Contains(queue.GetProperty("reports").EnumerateArray(), r => r.GetProperty("reportId").GetGuid() == id
            && r.GetProperty("primarySite").GetString() == "C504" && r.GetProperty("daysWaiting").GetInt32() == 0);
        Assert.All(queue.GetProperty("reports").EnumerateArray(), r => Assert.Equal("new", r.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/casefinding?status=lost")).StatusCode);

        // The report: raw, extracted items, screening; the look is audited.
        var reader = api.As("reg.reader", [RegistryRoles.Registrar]);
        var report = await reader.GetJson($"/reports/{id}");
        Assert.Equal("Quintero", report.GetProperty("extracted").GetProperty("patientItems").GetProperty("nameLast").GetString());
        Assert.Equal("8500", report.GetProperty("extracted").GetProperty("tumorItems").GetProperty("histologicTypeIcdO3").GetString());
        Assert.StartsWith("MSH|^~\\&|", report.GetProperty("raw").GetString());
        Assert.True(report.GetProperty("screening").GetProperty("reportable").GetBoolean());
        var audit = (await api.CreateClient().GetJson("/admin/audit/users/reg.reader")).EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "GET /reports/{id:guid}" && e.GetProperty("outcome").GetString() == "200");

        // A registrar of another facility is told the report does not exist, and its queue does not list it.
        var elsewhere = api.As("reg.elsewhere", [RegistryRoles.Registrar], "0000000999");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/reports/{id}")).StatusCode);
        Assert.Empty((await elsewhere.GetJson("/casefinding")).GetProperty("reports").EnumerateArray());

        // Dismiss: a reason is required; a second dismissal is a conflict; managers may not dismiss; epidemiologists see nothing.
        var lungId = lung.GetProperty("reportId").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsJsonAsync($"/casefinding/{lungId}/dismiss", new { reason = "" })).StatusCode);
        var dismissed = await (await registrar.PostAsJsonAsync($"/casefinding/{lungId}/dismiss", new { reason = "already abstracted" })).Expect(HttpStatusCode.OK);
        Assert.Equal("resolved", dismissed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsJsonAsync($"/casefinding/{lungId}/dismiss", new { reason = "again" })).StatusCode);
        Assert.Equal(added.Events + 1, (await CasefindingSamples.CountsAsync(db)).Events);
        var after = await reader.GetJson($"/reports/{lungId}");
        Assert.Equal("ReportDismissed", after.GetProperty("events")[2].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/casefinding/{id}/dismiss", new { reason = "x" })).StatusCode);
        var epi = api.As("epi.cf", [RegistryRoles.Epidemiologist]);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync("/casefinding")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync($"/reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.PostAsync("/reports/fhir", Body("ehr-lung-reportable.json", "application/fhir+json"))).StatusCode);
    }
}
