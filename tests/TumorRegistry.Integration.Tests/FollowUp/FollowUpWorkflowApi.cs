using System.Net;
using System.Net.Http.Json;
using TumorRegistry.Integration.Tests.Cases;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>Cases of any site for the follow-up workflow tests, physicians and contacts, and answers, through the API.</summary>
public static class FollowUpWorkflowApi
{
    public static async Task<Guid> TumorAsync(this HttpClient client, Guid patientId, string facility, string dateOfDiagnosis,
        string site = "C504", string histology = "8500", string behavior = "3", string classOfCase = "14", string laterality = "2")
    {
        var (caseId, version) = await client.OpenCaseAsync(patientId, facility);
        await (await client.WriteAsync($"/cases/{caseId}/diagnosis", new
        {
            primarySite = site, laterality, histology, behavior, gradeClinical = "9", diagnosticConfirmation = "1",
            dateOfDiagnosis, sequenceNumberHospital = "00", sequenceNumberCentral = "00", classOfCase,
        }, version, "diagnosis abstracted from the chart")).Expect(HttpStatusCode.OK);
        return caseId;
    }

    public static async Task WriteAnyAsync(this HttpClient client, string url, object body, string reason, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        request.Headers.Add("X-Reason", reason);
        await (await client.SendAsync(request)).Expect(expect);
    }

    public static Task ContactsAsync(this HttpClient client, Guid caseId, bool physician = true, bool contact = true) =>
        client.WriteAnyAsync($"/cases/{caseId}/follow-up-contacts", new
        {
            physicianFollowUp = physician ? "00012345" : null, npiPhysicianFollowUp = physician ? "1234567893" : null,
            physicianManaging = physician ? "00067890" : null,
            contactName = contact ? "Lee Smith" : null, contactStreet = contact ? "12 Elm Street" : null,
            contactCity = contact ? "Portland" : null, contactState = contact ? "ME" : null, contactPostalCode = contact ? "04101" : null,
        }, "physicians from the chart");

    public static Task AnswerAsync(this HttpClient client, Guid patientId, object body, HttpStatusCode expect = HttpStatusCode.OK) =>
        client.WriteAnyAsync($"/patients/{patientId}/follow-up-answers", body, "follow-up answer", expect);
}
