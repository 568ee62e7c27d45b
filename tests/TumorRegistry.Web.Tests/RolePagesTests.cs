using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>Each role is refused the pages of the others (403, a page saying so), and sees its own home page.</summary>
[Collection(WebCollection.Name)]
public sealed class RolePagesTests(WebApp app)
{
    public static TheoryData<string, string[]> Refused => new()
    {
        { Person.Registrar.UserName, ["/manager/follow-up", "/manager/rates", "/manager/workload", "/epi/survival", "/epi/incidence", "/jobs"] },
        { Person.Manager.UserName, ["/registrar/cases/new"] },
        { Person.Epidemiologist.UserName, ["/registrar/worklist", "/registrar/cases/new", "/manager/follow-up", "/manager/rates", "/manager/workload", "/jobs"] },
        { Person.Admin.UserName, ["/registrar/worklist", "/registrar/cases/new", "/manager/follow-up", "/manager/workload"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Each_role_is_refused_the_pages_of_the_others(string userName, string[] urls)
    {
        var person = Person.All.Single(p => p.UserName == userName);
        await using var context = await app.ContextAsync(person);
        var page = await context.NewPageAsync();
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Status == 403, $"{userName} {url}: {response.Status}");
            if (url == "/jobs") continue; // Hangfire's dashboard, not one of the pages
            // The refusal is a page a person reads, still a 403.
            Assert.Equal("Not allowed", await page.InnerTextAsync("h1"));
            if (url == urls[0]) await page.InspectAsync($"denied-{person.Roles[0]}");
        }
        var home = await page.GotoAsync("/");
        Assert.Equal(200, home!.Status);
        // The menu offers only what the role may open.
        var menu = await page.InnerTextAsync("nav");
        foreach (var url in urls.Where(u => u != "/jobs"))
            Assert.Equal(0, await page.Locator($"nav a[href='{url}']").CountAsync());
        Assert.NotEmpty(menu);
    }
}
