using Microsoft.Playwright;

namespace TumorRegistry.Web.Tests.Infrastructure;

/// <summary>Filling the pages' fields by their NAACCR item id, whether a code picker (select) or a text field.</summary>
public static class Forms
{
    public static async Task SetAsync(this IPage page, string id, string value)
    {
        var field = page.Locator($"#{id}");
        if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT") await field.SelectOptionAsync(value);
        else await field.FillAsync(value);
    }

    public static async Task SetAllAsync(this IPage page, params (string Id, string Value)[] values)
    {
        foreach (var (id, value) in values) await page.SetAsync(id, value);
    }

    /// <summary>Presses Enter in a text field of the section: the browser submits the section's form (Enter saves).</summary>
    public static async Task EnterAsync(this IPage page, string textFieldId)
    {
        await page.Locator($"#{textFieldId}").FocusAsync();
        await page.NavigatingAsync(() => page.Keyboard.PressAsync("Enter"));
    }

    public static Task<IResponse> ClickAndWaitAsync(this IPage page, string selector) =>
        page.NavigatingAsync(() => page.Locator(selector).ClickAsync());

    /// <summary>Runs an action that navigates and returns the page's final response (after a save's redirect), once loaded.</summary>
    public static async Task<IResponse> NavigatingAsync(this IPage page, Func<Task> action)
    {
        var response = await page.RunAndWaitForResponseAsync(action,
            r => r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame && r.Status is < 300 or >= 400);
        await page.LoadedAsync();
        return response;
    }
}
