using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Infrastructure.Casefinding;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>The casefinding queue at the screen: a registrar opens a report from the queue, reads why it is reportable and
/// dismisses it with a reason; the manager sees the counts; the epidemiologist is refused.</summary>
[Collection(WebCollection.Name)]
public sealed class CasefindingQueuePageTests(WebApp app)
{
    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "TumorRegistry.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir.FullName, "tests", "TumorRegistry.Casefinding.Tests", "Samples", name));
    }

    [Fact]
    public async Task A_registrar_accepts_a_report_into_the_registry_and_lands_on_its_case()
    {
        var store = app.Services.GetRequiredService<ElectronicReportStore>();
        // A person the demo does not hold, at the registrar's facility.
        var report = Sample("path-breast-reportable.hl7").Replace("SUNRISE PATHOLOGY LAB^1234567890^NPI", $"SUNRISE PATHOLOGY LAB^{Person.Facility}^NPI")
            .Replace("Quintero^Alma^Rosa", "Zamarripa^Ines^Luz").Replace("123-45-6789", "123-45-6790").Replace("19580922", "19611103")
            .Replace("SPL-2025-000417", "SPL-2025-000901");
        var receipt = await store.ReceiveAsync("hl7v2", "x-application/hl7-v2+er7", "Sunrise lab", Encoding.UTF8.GetBytes(report), "test", default);

        await using var context = await app.ContextAsync(Person.Registrar);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/registrar/casefinding/{receipt.ReportId}");
        await page.ClickAndWaitAsync("#accept");
        Assert.Matches("/registrar/cases/[0-9a-f-]{36}$", page.Url);
        await page.InspectAsync("registrar-casefinding-accepted-case");
        await page.GotoAsync($"/registrar/casefinding/{receipt.ReportId}");
        Assert.Contains("resolved", await page.InnerTextAsync("#status"));
        Assert.Contains("new patient", await page.InnerTextAsync("#status"));
        Assert.Equal(0, await page.Locator("#accept").CountAsync());
    }

    [Fact]
    public async Task A_registrar_reads_a_queued_report_and_dismisses_it_with_a_reason()
    {
        var store = app.Services.GetRequiredService<ElectronicReportStore>();
        // The sample's laboratory becomes the registrar's facility, so the registrar may see it.
        var breast = Sample("path-breast-reportable.hl7").Replace("SUNRISE PATHOLOGY LAB^1234567890^NPI", $"SUNRISE PATHOLOGY LAB^{Person.Facility}^NPI");
        var receipt = await store.ReceiveAsync("hl7v2", "x-application/hl7-v2+er7", "Sunrise lab", Encoding.UTF8.GetBytes(breast), "test", default);
        await store.ReceiveAsync("hl7v2", "x-application/hl7-v2+er7", "Sunrise lab",
            Encoding.UTF8.GetBytes(Sample("path-colon-negated.hl7").Replace("^1234567890^", $"^{Person.Facility}^")), "test", default);

        await using var context = await app.ContextAsync(Person.Registrar);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/registrar/casefinding");
        await page.InspectAsync("registrar-casefinding-queue");
        var row = page.Locator($"#queue a[href='/registrar/casefinding/{receipt.ReportId}']");
        Assert.Equal(1, await row.CountAsync());
        await page.NavigatingAsync(() => row.ClickAsync());
        await page.InspectAsync("registrar-casefinding-report");
        Assert.Contains("ICD-O-3 8500/3 at C504 is reportable", await page.InnerTextAsync("#reasons"));
        Assert.Contains("histologicTypeIcdO3", await page.InnerTextAsync("#items"));
        Assert.StartsWith("MSH|", (await page.InnerTextAsync("#raw")).Trim());

        var refused = await page.ClickAndWaitAsync("#dismiss");
        Assert.Equal(400, refused.Status);
        Assert.NotEmpty(await page.InnerTextAsync("#problem"));
        await page.SetAsync("reason", "Already abstracted at the hospital");
        await page.ClickAndWaitAsync("#dismiss");
        Assert.EndsWith("/registrar/casefinding?dismissed=1", page.Url);
        Assert.Equal(0, await page.Locator($"#queue a[href='/registrar/casefinding/{receipt.ReportId}']").CountAsync());
        await page.GotoAsync($"/registrar/casefinding/{receipt.ReportId}");
        Assert.Contains("dismissed: Already abstracted at the hospital", await page.InnerTextAsync("#status"));

        await using var managerContext = await app.ContextAsync(Person.Manager);
        var manager = await managerContext.NewPageAsync();
        await manager.GotoAsync("/registrar/casefinding?status=not_reportable");
        await manager.InspectAsync("manager-casefinding-not-reportable");
        Assert.Contains("not reportable", await manager.InnerTextAsync("#counts"));
        Assert.True(await manager.Locator("#queue tbody tr").CountAsync() >= 1);
        Assert.Equal(0, await manager.Locator("#dismiss").CountAsync());

        await using var epiContext = await app.ContextAsync(Person.Epidemiologist);
        var epi = await epiContext.NewPageAsync();
        Assert.Equal(403, (await epi.GotoAsync("/registrar/casefinding"))!.Status);
    }
}
