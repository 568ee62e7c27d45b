using Microsoft.Playwright;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Contains("Wrong user name or password", await page.InnerTextAsync("#signin-problem"));
        await page.GetByLabel("Password").FillAsync(Person.Registrar.Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/registrar/worklist");
        Assert.Contains("Worklist", await page.InnerTextAsync("h1"));
    }
}
