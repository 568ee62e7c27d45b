using Microsoft.Playwright;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>Signing in at the page: a page asked for first leads there, a wrong password is refused, then back to the page.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebApp app)
{
    [Fact]
    public async Task A_page_asked_for_before_signing_in_leads_to_the_sign_in_page_and_back()
    {
        await using var context = await app.ContextAsync(null);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/registrar/worklist");
        Assert.StartsWith(app.BaseUrl + "/signin", page.Url);
        await page.InspectAsync("signin");
        await page.GetByLabel("User name").FillAsync(Person.Registrar.UserName);
        await page.GetByLabel("Password").FillAsync("wrong password 123");
        var refused = await page.NavigatingAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
        Assert.Equal(401, refused.Status);
        Assert.Contains("Wrong user name or password", await page.InnerTextAsync("#signin-problem"));
        await page.GetByLabel("Password").FillAsync(Person.Registrar.Password);
        await page.NavigatingAsync(() => page.GetByLabel("Password").PressAsync("Enter"));
        Assert.Equal(app.BaseUrl + "/registrar/worklist", page.Url);
        Assert.Contains("Worklist", await page.InnerTextAsync("h1"));
        // Signing out ends the session: the pages lead to the sign-in page again.
        await page.NavigatingAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync());
        await page.GotoAsync("/");
        Assert.StartsWith(app.BaseUrl + "/signin", page.Url);
    }
}
