using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>
/// The README's run command (the service with --demo, as its own process) completes the demo; each demo account signs in
/// from what the demo printed and its home page opens; every report the demo wrote opens in Chromium. Screenshots of
/// each go to screenshots/web/ (a smaller demo than the default, so the test stays quick).
/// </summary>
public sealed partial class DemoRunTests
{
    [Fact]
    public async Task The_run_command_completes_the_demo_and_its_pages_and_reports_open_in_Chromium()
    {
        var connection = await TestPostgres.CreateDatabaseAsync(migrate: false);
        var reports = Directory.CreateTempSubdirectory("demo-reports-").FullName;
        var output = new List<string>();
        var up = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ServiceDll(), "--demo", "--urls", "http://127.0.0.1:0" }) psi.ArgumentList.Add(a);
        psi.Environment["TUMORREGISTRY_DB"] = connection;
        psi.Environment["TUMORREGISTRY_REPORTS"] = reports;
        psi.Environment["Demo__Tumors"] = "1500";
        using var service = Process.Start(psi)!;
        try
        {
            service.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not { } line) return;
                lock (output) output.Add(line);
                if (UpAt().Match(line) is { Success: true } m) up.TrySetResult(m.Groups[1].Value);
            };
            service.ErrorDataReceived += (_, _) => { };
            service.BeginOutputReadLine();
            service.BeginErrorReadLine();
            var finished = await Task.WhenAny(up.Task, Task.Delay(TimeSpan.FromMinutes(8)), service.WaitForExitAsync());
            Assert.True(finished == up.Task, "The demo did not come up:\n" + string.Join("\n", output.TakeLast(20)));
            var baseUrl = (await up.Task).TrimEnd('/');
            List<(string Role, string User, string Password)> accounts;
            lock (output)
                accounts = output.Select(l => Account().Match(l)).Where(m => m.Success)
                    .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
            Assert.Equal(4, accounts.Count);
            // The follow-up jobs ran once on a registry as current as the clock: some requests, not every patient lost.
            string followUp;
            lock (output) followUp = output.Single(l => l.StartsWith("Demo: follow-up requests written", StringComparison.Ordinal));
            var counts = System.Text.RegularExpressions.Regex.Match(followUp, @"written ([\d,]+) \(of ([\d,]+) due\), escalated ([\d,]+), lost or restored ([\d,]+)");
            Assert.True(counts.Success, followUp);
            int N(int g) => int.Parse(counts.Groups[g].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(N(1) > 0 && N(1) < 1500 / 2, followUp);
            Assert.True(N(4) < 1500 / 4, followUp);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
            foreach (var (role, user, password) in accounts)
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
                    { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, BaseURL = baseUrl });
                context.SetDefaultTimeout(120_000);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/signin");
                await page.GetByLabel("User name").FillAsync(user);
                await page.GetByLabel("Password").FillAsync(password);
                await page.GetByLabel("Password").PressAsync("Enter");
                await page.ArrivedAtAsync(baseUrl + "/");
                await page.InspectAsync($"demo-home-{role}");
            }

            var written = Directory.GetFiles(reports).Where(f => f.EndsWith(".html") || f.EndsWith(".svg")).Order().ToList();
            Assert.True(written.Count >= 5, string.Join(", ", written));
            await using (var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } }))
            {
                var page = await context.NewPageAsync();
                foreach (var report in written)
                {
                    var response = await page.GotoAsync(new Uri(report).AbsoluteUri);
                    Assert.True(response is null || response.Ok, report);
                    Assert.True((await page.ContentAsync()).Length > 500, report);
                    Directory.CreateDirectory(PageChecks.Folder);
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageChecks.Folder, "demo-report-" + Path.GetFileNameWithoutExtension(report) + ".png"), FullPage = false });
                }
            }
        }
        finally
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
            Directory.Delete(reports, recursive: true);
        }
    }

    // The service as the solution's build left it (the same configuration as these tests).
    private static string ServiceDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = bin.Parent!.Name; // bin/<Configuration>/net10.0
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TumorRegistry.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "TumorRegistry.Api", "bin", configuration, "net10.0", "TumorRegistry.Api.dll");
        Assert.True(File.Exists(dll), $"The service is not built at {dll}");
        return dll;
    }

    [GeneratedRegex(@"The demo registry is up at (\S+)")]
    private static partial Regex UpAt();

    [GeneratedRegex(@"^\s+(registrar|manager|epidemiologist|admin)\s+(demo\.\S+)\s+(\S+)\s*$")]
    private static partial Regex Account();
}
