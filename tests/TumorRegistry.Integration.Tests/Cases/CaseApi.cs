using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cases;

/// <summary>HTTP helpers for the case API: a registrar's client, writes with If-Match, and a whole abstract step by step.</summary>
public static class CaseApi
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The host with a clock the test moves, so "as of" reads and edit dates are deterministic.</summary>
    public static WebApplicationFactory<Program> WithClock(this WebApplicationFactory<Program> api, ManualClock clock) =>
        api.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));

    /// <summary>
    /// A client signed in as a registrar (and manager) of every facility; null gives an anonymous client.
    /// </summary>
    public static HttpClient Registrar(this WebApplicationFactory<Program> api, string? user)
    {
        if (user is null) return api.Anonymous();
        return api.As(user, [RegistryRoles.Registrar, RegistryRoles.Manager]);
    }

    public static async Task<HttpResponseMessage> WriteAsync(this HttpClient client, string url, object? body, int? ifMatch, string? reason = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        if (reason is not null) request.Headers.Add("X-Reason", reason);
        return await client.SendAsync(request);
    }

    public static int ETag(this HttpResponseMessage response) => int.Parse(response.Headers.ETag!.Tag.Trim('"'));

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> Expect(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await response.Expect(HttpStatusCode.OK);
    }

    public static Dictionary<string, string> Items(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public static async Task<Guid> RegisterPatientAsync(this HttpClient client, string idNumber = "00000001", string sex = "2")
    {
        var created = await (await client.WriteAsync("/patients", new { patientIdNumber = idNumber }, null)).Expect(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await (await client.WriteAsync($"/patients/{id}/demographics", new
        {
            nameLast = "Smith", nameFirst = "Randi", dateOfBirth = "19730729", sex,
            race1 = "01", race2 = "88", race3 = "88", race4 = "88", race5 = "88", spanishHispanicOrigin = "0",
            socialSecurityNumber = "589803415",
        }, 1, "demographics from the hospital face sheet")).Expect(HttpStatusCode.OK);
        await (await client.WriteAsync($"/patients/{id}/follow-up", new { dateOfLastContact = "20240419", vitalStatus = "1" }, 2,
            "last contact from the clinic")).Expect(HttpStatusCode.OK);
        return id;
    }

    public static async Task<(Guid CaseId, int Version)> OpenCaseAsync(this HttpClient client, Guid patientId, string facility = "0000000001")
    {
        var response = await client.WriteAsync("/cases", new
        {
            patientId, casefindingSource = "10", reportingFacility = facility, typeOfReportingSource = "1",
        }, null, "found on pathology report");
        var body = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/cases/{body.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        return (body.GetProperty("id").GetGuid(), response.ETag());
    }

    /// <summary>The abstraction steps of an edit-clean breast cancer case; returns the case's version after the last one.</summary>
    public static async Task<int> AbstractAsync(this HttpClient client, Guid caseId, int version, string site = "C504",
        string histology = "8500", string behavior = "3", string laterality = "2", Action? between = null)
    {
        var steps = new (string Step, object Body)[]
        {
            ("address-at-diagnosis", new { state = "MO", county = "510", postalCode = "63101", censusTract2020 = "010100" }),
            ("diagnosis", new
            {
                primarySite = site, laterality, histology, behavior, gradeClinical = "2", diagnosticConfirmation = "1",
                dateOfDiagnosis = "20230115", ageAtDiagnosis = "049", sequenceNumberHospital = "00", sequenceNumberCentral = "00",
                classOfCase = "14",
            }),
            ("stage", new { summaryStage2018 = "1" }),
            ("treatment", new
            {
                surgeryOfPrimarySite = "22", dateOfSurgery = "20230210", reasonForNoSurgery = "0", radiationModality = "02",
                dateOfRadiation = "20230315", reasonForNoRadiation = "0", chemotherapy = "00",
            }),
            ("follow-up", new { cancerStatus = "1", dateOfLastCancerStatus = "20240419" }),
        };
        foreach (var (step, body) in steps)
        {
            var response = await client.WriteAsync($"/cases/{caseId}/{step}", body, version, $"{step} abstracted from the chart");
            await response.Expect(HttpStatusCode.OK);
            version = response.ETag();
            between?.Invoke();
        }
        return version;
    }

    /// <summary>Every item the steps above record, by naaccrId.</summary>
    public static Dictionary<string, string> ExpectedItems() => new()
    {
        ["patientIdNumber"] = "00000001", ["nameLast"] = "Smith", ["nameFirst"] = "Randi", ["dateOfBirth"] = "19730729", ["sex"] = "2",
        ["race1"] = "01", ["race2"] = "88", ["race3"] = "88", ["race4"] = "88", ["race5"] = "88", ["spanishHispanicOrigin"] = "0",
        ["socialSecurityNumber"] = "589803415", ["dateOfLastContact"] = "20240419", ["vitalStatus"] = "1",
        ["casefindingSource"] = "10", ["reportingFacility"] = "0000000001", ["typeOfReportingSource"] = "1",
        ["addrAtDxState"] = "MO", ["countyAtDx"] = "510", ["addrAtDxPostalCode"] = "63101", ["censusTract2020"] = "010100",
        ["primarySite"] = "C504", ["laterality"] = "2", ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "3",
        ["gradeClinical"] = "2", ["diagnosticConfirmation"] = "1", ["dateOfDiagnosis"] = "20230115", ["ageAtDiagnosis"] = "049",
        ["sequenceNumberHospital"] = "00", ["sequenceNumberCentral"] = "00", ["classOfCase"] = "14", ["summaryStage2018"] = "1",
        ["rxSummSurgPrimSite"] = "22", ["rxDateSurgery"] = "20230210", ["reasonForNoSurgery"] = "0",
        ["phase1RadiationTreatmentModality"] = "02", ["rxDateRadiation"] = "20230315", ["reasonForNoRadiation"] = "0",
        ["rxSummChemo"] = "00", ["cancerStatus"] = "1", ["dateOfLastCancerStatus"] = "20240419",
    };
}
