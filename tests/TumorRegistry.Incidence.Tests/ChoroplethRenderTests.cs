using Microsoft.Playwright;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Tests;

/// <summary>Opens the incidence HTML report in headless Chromium and checks the county map as laid out.</summary>
public class ChoroplethRenderTests
{
    [Fact]
    public async Task Report_map_renders_named_classed_and_hatched_counties_with_legend_and_outline()
    {
        var table = GeographyTests.NewMexico(threshold: 60);
        var lung = table.Rows.Where(r => r.SiteGroup == "Lung and Bronchus" && !r.IsAreaTotal).ToList();
        var suppressed = lung.Where(r => r.Suppression != SuppressionMark.None).Select(r => r.AreaFips).Order().ToList();
        Assert.NotEmpty(suppressed);
        Assert.Contains(lung, r => r.Suppression == SuppressionMark.None);

        var outDir = Path.Combine(AppContext.BaseDirectory, "render");
        Directory.CreateDirectory(outDir);
        var html = Path.Combine(outDir, "nm-incidence.html");
        await File.WriteAllTextAsync(html, IncidenceHtmlWriter.ToHtml(table, "Cancer incidence, New Mexico", GeographyTests.Map));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1200 } });
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outDir, "nm-incidence.png"), FullPage = true });

        var maps = await page.QuerySelectorAllAsync("svg.choropleth");
        Assert.Equal(2, maps.Count); // one per site group
        var map = maps[1];
        foreach (var selector in new[] { "path.county", "path.state-outline", "g.legend", "g.legend-class", "g.legend-suppressed" })
            foreach (var e in await map.QuerySelectorAllAsync(selector))
                Assert.True(await e.BoundingBoxAsync() is { Width: > 0, Height: > 0 }, $"{selector} has an empty bounding box");

        // All 33 counties drawn, each named; the two without data grey.
        var names = await map.EvalOnSelectorAllAsync<string[]>("path.county", "els => els.map(e => e.dataset.name + '|' + e.querySelector('title').textContent)");
        Assert.Equal(33, names.Length);
        Assert.Contains(names, n => n.StartsWith("Bernalillo|Bernalillo (35001): ", StringComparison.Ordinal));
        Assert.Equal(["35006", "35028"], await map.EvalOnSelectorAllAsync<string[]>("path.county.no-data", "els => els.map(e => e.dataset.fips).sort()"));

        // Suppressed counties are exactly the hidden rows, filled with the hatch pattern, whose lines exist.
        Assert.Equal(suppressed, await map.EvalOnSelectorAllAsync<string[]>("path.county.suppressed", "els => els.map(e => e.dataset.fips).sort()"));
        var fills = await map.EvalOnSelectorAllAsync<string[]>("path.county.suppressed", "els => els.map(e => getComputedStyle(e).fill)");
        Assert.All(fills, f => Assert.Contains("url(\"#hatch-35\")", f));
        Assert.Equal(1, await map.EvalOnSelectorAllAsync<int>("pattern#hatch-35 line", "els => els.length"));

        // Legend: five classes, ranges ascending top to bottom reversed (highest first), plus the hatched swatch.
        var legend = await map.EvalOnSelectorAllAsync<string[]>("g.legend-class text", "els => els.map(e => e.textContent)");
        Assert.Equal(5, legend.Length);
        var lows = legend.Select(t => double.Parse(t.Split(" – ")[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(lows.OrderDescending(), lows);
        Assert.StartsWith("Suppressed", await map.EvalOnSelectorAsync<string>("g.legend-suppressed text", "e => e.textContent"));

        // Each shown county's colour is its class's legend swatch.
        var classed = await map.EvalOnSelectorAllAsync<string[]>("path.county:not(.suppressed):not(.no-data)", "els => els.map(e => e.getAttribute('class'))");
        Assert.Equal(lung.Count - suppressed.Count, classed.Length);
        Assert.True(classed.Distinct().Count() >= 3, "counties should fall into several classes");
    }
}
