using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class ConcurrentProjectionTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Patient_and_case_writes_committing_at_once_leave_case_summary_as_a_rebuild_would()
    {
        var alice = registry.Registrar("alice");
        var bob = registry.Registrar("bob");
        var patientId = await alice.RegisterPatientAsync("00000150");
        var (caseId, v) = await alice.OpenCaseAsync(patientId);
        var caseVersion = await alice.AbstractAsync(caseId, v, site: "C569", histology: "8441", laterality: "1");
        var patientVersion = 3;
        for (var i = 0; i < 12; i++)
        {
            // Bob flips the patient's sex while alice writes a step on the ovarian case: status depends on both.
            var sex = i % 2 == 0 ? "1" : "2";
            var results = await Task.WhenAll(
                bob.WriteAsync($"/patients/{patientId}/demographics", new { sex }, patientVersion),
                alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = i % 2 == 0 ? "2" : "3" }, caseVersion));
            await results[0].Expect(HttpStatusCode.OK);
            await results[1].Expect(HttpStatusCode.OK);
            (patientVersion, caseVersion) = (results[0].ETag(), results[1].ETag());
            var expected = sex == "1" ? ("failing_edits", 1) : ("open", 0);
            Assert.Equal(expected, await registry.StatusAsync(caseId));
        }
        var live = await registry.RowsAsync("case_summary", "case_id");
        await registry.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(live, await registry.RowsAsync("case_summary", "case_id"));
    }
}
