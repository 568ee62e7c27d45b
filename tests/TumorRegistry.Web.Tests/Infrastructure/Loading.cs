using Microsoft.Playwright;

namespace TumorRegistry.Web.Tests.Infrastructure;

/// <summary>
/// Waiting for a page without trusting Playwright's lifecycle events alone. Under load it has missed a document's
/// DOMContentLoaded: two CI runs on 2026-12-03 waited out 120 s with only "NetworkIdle" fired. So after a short wait
/// the document's own readyState decides.
/// </summary>
public static class Loading
{
    public static async Task LoadedAsync(this IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new PageWaitForLoadStateOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
        }
    }

    /// <summary>Waits until the page has navigated to <paramref name="url"/> and its document has loaded.</summary>
    public static async Task ArrivedAtAsync(this IPage page, string url)
    {
        await page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.LoadedAsync();
    }
}
