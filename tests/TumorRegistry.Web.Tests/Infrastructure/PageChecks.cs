using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TumorRegistry.Web.Tests.Infrastructure;

/// <summary>What every page visit checks: no serious or critical axe-core violation, no horizontal scrolling at 1280x800,
/// and a screenshot under screenshots/web/ (git-ignored) at the repository root.</summary>
public static class PageChecks
{
    public static readonly string Folder = Path.Combine(RepositoryRoot(), "screenshots", "web");

    public static async Task InspectAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png") });
        var results = await page.RunAxe();
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target?.ToString() ?? "")))}").ToList();
        Assert.True(bad.Count == 0, $"{name}: axe-core found\n" + string.Join("\n", bad));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name} scrolls horizontally by {overflow}px at 1280x800");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TumorRegistry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
