using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Consolidation;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>A registrar settles a conflicting diagnosis date on the consolidation review page and sees each item's source.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsolidationPageTests(WebApp app)
{
    [Fact]
    public async Task A_registrar_resolves_a_conflicting_diagnosis_date_and_views_the_source_data()
    {
        await using var context = await app.ContextAsync(Person.Registrar);
        var page = await context.NewPageAsync();
        var caseUrl = await RegistrarPagesTests.OpenNewCaseAsync(page, "77000914", "Quimby");
        var caseId = Guid.Parse(caseUrl.Split('/').Last());

        // Two reports arrive through the lead's entry point: a pathology report, then an abstract with a date a year earlier.
        Guid conflictId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ConsolidationService>();
            var path = await service.ConsolidateAsync(caseId, new SourceRecord("HL7-PATH-0914", "pathology HL7", "0006540099", DateTimeOffset.UtcNow,
                new Dictionary<string, string> { ["primarySite"] = "C504", ["laterality"] = "2", ["histologicTypeIcdO3"] = "8500", ["dateOfDiagnosis"] = "20240310" }),
                Person.Registrar.UserName, CancellationToken.None);
            Assert.IsType<CommandResult.Accepted>(path.Outcome);
            await using var scope2 = app.Services.CreateAsyncScope();
            var abs = await scope2.ServiceProvider.GetRequiredService<ConsolidationService>().ConsolidateAsync(caseId,
                new SourceRecord("ABS-0914", "abstract", Person.Facility, DateTimeOffset.UtcNow, new Dictionary<string, string> { ["dateOfDiagnosis"] = "20230115" }),
                Person.Registrar.UserName, CancellationToken.None);
            conflictId = Assert.Single(abs.Conflicts).ConflictId;
        }

        await page.GotoAsync("/registrar/consolidation/review");
        await page.InspectAsync("registrar-consolidation-review");
        var row = page.Locator($"#review tr:has(a[href='/registrar/cases/{caseId}/sources'])");
        Assert.Contains("20230115", await row.InnerTextAsync());
        Assert.Contains("dateOfDiagnosis", await page.InnerTextAsync("#by-item"));

        // Without a reason it is refused beside the form; with one the chosen date is on the case.
        await page.SetAsync($"value-{conflictId}", "20230115");
        var refused = await page.ClickAndWaitAsync($"#resolve-{conflictId}");
        Assert.Equal(400, refused.Status);
        Assert.NotEmpty(await page.InnerTextAsync("#problem-reason"));
        await page.SetAsync($"reason-{conflictId}", "Biopsy of January 2023 found in the clinic notes");
        await page.ClickAndWaitAsync($"#resolve-{conflictId}");
        Assert.NotEmpty(await page.InnerTextAsync("#resolved"));
        Assert.Equal(0, await page.Locator($"#review tr:has(a[href='/registrar/cases/{caseId}/sources'])").CountAsync());

        await page.GotoAsync(caseUrl);
        await page.ClickAndWaitAsync("#view-sources");
        var provenance = await page.InnerTextAsync("#provenance");
        Assert.Contains("20230115", provenance);
        Assert.Contains("consolidation review", provenance);
        Assert.Contains("pathology HL7 HL7-PATH-0914", provenance);
        await page.InspectAsync("registrar-case-sources");
    }
}
