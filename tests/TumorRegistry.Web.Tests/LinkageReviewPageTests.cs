using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Infrastructure.Linkage;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>A central registrar works the linkage review worklist: both records side by side, a decision needs a reason, a decision leaves the queue.</summary>
[Collection(WebCollection.Name)]
public sealed class LinkageReviewPageTests(WebApp app)
{
    [Fact]
    public async Task A_central_registrar_confirms_a_pair_with_a_reason_and_it_leaves_the_queue()
    {
        // The demo's planted duplicates found by the duplicate search; two of its pairs put in the band whatever the
        // estimate decided, so the page has something to decide.
        await app.Services.GetRequiredService<PatientLinkage>().RunDedupAsync(CancellationToken.None);
        await using (var db = NpgsqlDataSource.Create(app.ConnectionString))
        await using (var cmd = db.CreateCommand("update linkage_pairs set status = 'review' where id in (select id from linkage_pairs where status in ('review', 'linked') order by id limit 2)"))
            Assert.True(await cmd.ExecuteNonQueryAsync() >= 1, "the demo registry has planted duplicates");

        await using var context = await app.ContextAsync(Person.CentralRegistrar);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/linkage/review");
        Assert.Equal(200, response!.Status);
        await page.InspectAsync("linkage-review");
        var before = await page.Locator("section.pair").CountAsync();
        Assert.True(before >= 1);
        var first = page.Locator("section.pair").First;
        var id = (await first.GetAttributeAsync("id"))!["pair-".Length..];
        Assert.Contains("nameLast", await first.InnerTextAsync());
        Assert.Matches(@"exact|similar|phonetic|nickname|disagree|missing", await first.InnerTextAsync());

        // Without a reason nothing is decided.
        var refused = await page.ClickAndWaitAsync($"#confirm-{id}");
        Assert.Equal(400, refused.Status);
        Assert.NotEmpty(await page.InnerTextAsync("#problem"));
        Assert.Equal(before, await page.Locator("section.pair").CountAsync());

        await page.FillAsync($"#reason-{id}", "same SSN and date of birth on the pathology report");
        await page.ClickAndWaitAsync($"#confirm-{id}");
        Assert.EndsWith("/linkage/review?decided=confirmed", page.Url);
        Assert.NotEmpty(await page.InnerTextAsync("#done"));
        Assert.Equal(0, await page.Locator($"#pair-{id}").CountAsync());
        Assert.Contains("1 confirmed", await page.InnerTextAsync("#counts"));
    }

    [Fact]
    public async Task Epidemiologists_managers_and_a_hospitals_registrar_are_refused_the_review_page()
    {
        foreach (var person in new[] { Person.Epidemiologist, Person.Manager, Person.Registrar })
        {
            await using var context = await app.ContextAsync(person);
            var page = await context.NewPageAsync();
            Assert.Equal(403, (await page.GotoAsync("/linkage/review"))!.Status);
        }
    }
}
