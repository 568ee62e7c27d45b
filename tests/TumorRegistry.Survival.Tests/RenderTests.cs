using Microsoft.Playwright;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Survival.Tests;

/// <summary>Opens the HTML report in headless Chromium and checks that plot elements are actually laid out.</summary>
public class RenderTests
{
    [Fact]
    public async Task Html_report_renders_curves_bands_and_risk_table_in_Chromium()
    {
        var outDir = Path.Combine(AppContext.BaseDirectory, "render");
        Directory.CreateDirectory(outDir);
        var html = Path.Combine(outDir, "lung-by-sex.html");
        await File.WriteAllTextAsync(html, HtmlReport.Render(ReportTests.LungBySex()));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1200 } });
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outDir, "lung-by-sex.png"), FullPage = true });

        foreach (var selector in new[] { "svg.survival-plot", "path.curve", "path.band", "g.censor", "g.risk-table", "g.legend", "table#summary", "table#logrank" })
        {
            var elements = await page.QuerySelectorAllAsync(selector);
            Assert.NotEmpty(elements);
            foreach (var e in elements)
            {
                var box = await e.BoundingBoxAsync();
                Assert.True(box is { Width: > 0, Height: > 0 }, $"{selector} has an empty bounding box");
            }
        }
        Assert.Equal(2, (await page.QuerySelectorAllAsync("path.curve")).Count);
        Assert.True(new FileInfo(Path.Combine(outDir, "lung-by-sex.png")).Length > 10_000);
    }
}
