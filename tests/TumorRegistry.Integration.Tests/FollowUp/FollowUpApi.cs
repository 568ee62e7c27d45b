using System.Net;
using TumorRegistry.Integration.Tests.Cases;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>Writes the patients and cases of the follow-up tests through the API, with chosen dates.</summary>
public static class FollowUpApi
{
    /// <summary>A patient (registered with last contact 2024-04-19, alive, at version 3) whose follow-up is then recorded.</summary>
    public static async Task<Guid> PatientAsync(this HttpClient client, string idNumber, string dateOfLastContact)
    {
        var id = await client.RegisterPatientAsync(idNumber);
        await client.FollowUpAsync(id, 3, dateOfLastContact);
        return id;
    }

    public static async Task<int> FollowUpAsync(this HttpClient client, Guid patientId, int version, string dateOfLastContact)
    {
        var response = await client.WriteAsync($"/patients/{patientId}/follow-up", new { dateOfLastContact, vitalStatus = "1" }, version,
            "follow-up letter returned by the physician");
        await response.Expect(HttpStatusCode.OK);
        return response.ETag();
    }

    /// <summary>A case at the facility with the diagnosis date and class of case given.</summary>
    public static async Task<(Guid CaseId, int Version)> CaseAsync(this HttpClient client, Guid patientId, string facility,
        string dateOfDiagnosis, string classOfCase, string? nextFollowUpSource = null)
    {
        var (caseId, version) = await client.OpenCaseAsync(patientId, facility);
        var response = await client.WriteAsync($"/cases/{caseId}/diagnosis", new
        {
            primarySite = "C504", laterality = "2", histology = "8500", behavior = "3", gradeClinical = "2", diagnosticConfirmation = "1",
            dateOfDiagnosis, sequenceNumberHospital = "00", sequenceNumberCentral = "00", classOfCase,
        }, version, "diagnosis abstracted from the chart");
        await response.Expect(HttpStatusCode.OK);
        version = response.ETag();
        if (nextFollowUpSource is null) return (caseId, version);
        response = await client.WriteAsync($"/cases/{caseId}/follow-up", new { nextFollowUpSource }, version, "next follow-up from the physician");
        await response.Expect(HttpStatusCode.OK);
        return (caseId, response.ETag());
    }
}
