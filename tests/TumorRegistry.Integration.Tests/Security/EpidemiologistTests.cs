using System.Net;
using TumorRegistry.Api.Security.Authorization;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>What an epidemiologist can read carries no name, SSN, date of birth, patient id number, patient or case id.</summary>
public sealed class EpidemiologistTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Statistics_and_extracts_an_epidemiologist_reads_contain_no_identifier()
    {
        var (patientId, caseId) = await PlantedPatients.WriteAsync(api.Registrar("alice"));
        var identifiers = PlantedPatients.Values.Append(patientId.ToString()).Append(caseId.ToString()).ToList();
        var epi = api.WithBearer(Principal.Epidemiologist.Token!);
        var urls = EndpointPolicies.Table.Where(e => e.Value.Policy == Policies.Statistics && e.Key.StartsWith("GET ", StringComparison.Ordinal))
            .Select(e => e.Key[4..]).Where(u => !u.Contains('{')).ToList();
        urls.AddRange([
            "/survival/observed?cutoff=2025-12-31", "/survival/observed?cutoff=2025-12-31&format=csv", "/survival/observed?cutoff=2025-12-31&format=html",
            "/survival/life-table?cutoff=2025-12-31&format=csv", "/survival/cause-specific?cutoff=2025-12-31", "/incidence?state=MO&from=2023&to=2023",
        ]);
        var answered = 0;
        foreach (var url in urls)
        {
            var response = await epi.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError),
                $"{url}: {(int)response.StatusCode}");
            if (response.IsSuccessStatusCode) answered++;
            foreach (var value in identifiers) Assert.False(body.Contains(value, StringComparison.OrdinalIgnoreCase), $"{url} shows {value}");
        }
        Assert.True(answered >= 5, $"only {answered} statistics answered 200");
        foreach (var url in new[] { $"/patients/{patientId}", $"/cases/{caseId}", "/worklists", "/follow-up/letters", "/follow-up/due" })
            Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync(url)).StatusCode);
    }
}
