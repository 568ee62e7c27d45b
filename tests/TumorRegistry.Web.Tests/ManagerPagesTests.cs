using Microsoft.Playwright;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>A manager runs the annual follow-up at the screen: the due list, an answer recorded, the letters printed, rates and workload.</summary>
[Collection(WebCollection.Name)]
public sealed class ManagerPagesTests(WebApp app)
{
    [Fact]
    public async Task A_manager_records_a_follow_up_answer_and_prints_the_letters()
    {
        await using var context = await app.ContextAsync(Person.Manager);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.InspectAsync("manager-home");
        await page.GotoAsync("/manager/follow-up");
        await page.InspectAsync("manager-follow-up-due");
        var before = await page.Locator("#due tbody tr").CountAsync();
        Assert.True(before > 0, "the demo registry has patients due");

        var firstAnswer = page.Locator("#due tbody tr").First.Locator("a");
        var patientNumber = (await page.Locator("#due tbody tr").First.Locator("td").First.InnerTextAsync()).Trim();
        await page.NavigatingAsync(() => firstAnswer.ClickAsync());
        var answerUrl = page.Url;
        await page.InspectAsync("manager-follow-up-answer");
        var today = DateTime.UtcNow.ToString("yyyyMMdd");
        await page.SetAllAsync(("dateOfLastContact", today), ("vitalStatus", "1"));
        await page.ClickAndWaitAsync("#record-answer");
        Assert.EndsWith("/manager/follow-up?recorded=1", page.Url);
        Assert.NotEmpty(await page.InnerTextAsync("#recorded"));
        // Seen today, the patient is no longer due, and the answer is on the patient.
        Assert.DoesNotContain(patientNumber, await page.InnerTextAsync("#due"));
        await page.GotoAsync(answerUrl);
        Assert.Contains($"last contact {today}", await page.InnerTextAsync("main"));

        // A refused answer names its field and stores nothing.
        await page.SetAsync("dateOfLastContact", "2026133");
        var refused = await page.ClickAndWaitAsync("#record-answer");
        Assert.Equal(400, refused.Status);
        Assert.NotEmpty(await page.InnerTextAsync("#dateOfLastContact-msg"));

        await page.GotoAsync("/manager/follow-up");
        var letters = await page.ClickAndWaitAsync("#letters");
        Assert.Equal(200, letters.Status);
        Assert.Contains("Dear Doctor", await page.InnerTextAsync("body"));
        await page.InspectAsync("manager-letters");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "Letter" });
        Assert.True(pdf.Length > 5_000 && System.Text.Encoding.ASCII.GetString(pdf, 0, 4) == "%PDF", "the letters print");

        await page.GotoAsync("/manager/rates");
        Assert.True(await page.Locator("#rates tbody tr").CountAsync() >= 2);
        Assert.Matches(@"\d+\.\d%", await page.InnerTextAsync("#rates"));
        await page.InspectAsync("manager-rates");
        await page.GotoAsync("/manager/workload");
        Assert.True(await page.Locator("#by-facility tbody tr").CountAsync() >= 3);
        await page.InspectAsync("manager-workload");
        var jobs = await page.ClickAndWaitAsync("nav a[href='/jobs']");
        Assert.Equal(200, jobs.Status);
        Assert.Contains("jobs", (await page.TitleAsync()).ToLowerInvariant());
    }
}
