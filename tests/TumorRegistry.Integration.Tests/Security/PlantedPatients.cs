using System.Net;
using TumorRegistry.Integration.Tests.Cases;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>Patients with values no code would print by chance, so a scan of any output can look for them.</summary>
public static class PlantedPatients
{
    public static readonly string[] Names = ["Quackenbushwell", "Zebediahina"];
    public const string Ssn = "987650432";
    public const string DateOfBirth = "19510302";
    public const string PatientIdNumber = "07734411";

    public static IEnumerable<string> Values => Names.Append(Ssn).Append(DateOfBirth).Append(PatientIdNumber);

    /// <summary>A patient with the planted values and a complete, edit-clean case at the facility.</summary>
    public static async Task<(Guid PatientId, Guid CaseId)> WriteAsync(HttpClient client, string facility = "0000000001")
    {
        var created = await (await client.WriteAsync("/patients", new { patientIdNumber = PatientIdNumber }, null)).Expect(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await (await client.WriteAsync($"/patients/{id}/demographics", new
        {
            nameLast = Names[0], nameFirst = Names[1], dateOfBirth = DateOfBirth, sex = "2", race1 = "01", race2 = "88", race3 = "88", race4 = "88",
            race5 = "88", spanishHispanicOrigin = "0", socialSecurityNumber = Ssn,
        }, 1)).Expect(HttpStatusCode.OK);
        await (await client.WriteAsync($"/patients/{id}/follow-up", new { dateOfLastContact = "20240419", vitalStatus = "1" }, 2)).Expect(HttpStatusCode.OK);
        var (caseId, version) = await client.OpenCaseAsync(id, facility);
        await client.AbstractAsync(caseId, version);
        return (id, caseId);
    }
}
