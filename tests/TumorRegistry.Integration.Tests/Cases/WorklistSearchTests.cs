using System.Net;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

/// <summary>GET /worklists?search= (the worklist page's search box): patient id number, accession, date of birth, start of a last name.</summary>
public sealed class WorklistSearchTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task The_worklist_search_finds_cases_by_patient_id_number_accession_birth_date_and_last_name()
    {
        var alice = registry.Registrar("alice");
        var smith = await alice.RegisterPatientAsync("00000401"); // Smith, born 19730729
        var other = await alice.RegisterPatientAsync("00000402");
        await (await alice.WriteAsync($"/patients/{other}/demographics", new { nameLast = "Okafor", dateOfBirth = "19510203" }, 3, "name corrected"))
            .Expect(HttpStatusCode.OK);
        var (smithCase, _) = await alice.OpenCaseAsync(smith, "0000000010");
        var opened = await (await alice.WriteAsync("/cases", new
        {
            patientId = other, casefindingSource = "10", reportingFacility = "0000000010", typeOfReportingSource = "1", accessionNumberHosp = "202600077",
        }, null)).Expect(HttpStatusCode.Created);
        var otherCase = opened.GetProperty("id").GetGuid();

        async Task<List<Guid>> Found(string search) =>
            (await alice.GetJson($"/worklists?search={Uri.EscapeDataString(search)}")).GetProperty("cases").EnumerateArray()
                .Select(c => c.GetProperty("caseId").GetGuid()).ToList();

        Assert.Equal([smithCase], await Found("00000401"));
        Assert.Equal([otherCase], await Found("202600077"));
        Assert.Equal([otherCase], await Found("19510203"));
        Assert.Equal([smithCase], await Found("smi"));
        Assert.Equal([otherCase], await Found("OKA"));
        Assert.Empty(await Found("Nobody"));
        Assert.Equal(2, (await alice.GetJson("/worklists")).GetProperty("total").GetInt32());
    }
}
