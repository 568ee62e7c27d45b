using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Api.Demo;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Bench.Pages;

// Server time of each web page on the demo registry (8,000 tumors): the service in-process over a private cluster,
// each page requested sequentially by a signed-in client; GET /health in the same run is the baseline (the pipeline
// with no work). Usage: dotnet bench/TumorRegistry.Bench.Pages/bin/Release/net10.0/TumorRegistry.Bench.Pages.dll [--runs 20] [--tumors 50000]
public static class PagesBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var runs = ArgInt(args, "--runs", 20);
        await using var scratch = await ScratchDatabase.CreateAsync("bench_pages", durable: false);
        await using var host = new PagesHost(scratch.ConnectionString);
        var load = Stopwatch.StartNew();
        var demo = new TumorRegistry.Synthetic.SyntheticOptions { Tumors = ArgInt(args, "--tumors", 50_000) };
        await host.Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(demo);
        await host.Services.GetRequiredService<DemoReports>().ImportDenominatorsAsync(demo);
        Console.WriteLine($"Demo registry loaded in {load.Elapsed.TotalSeconds:F1} s");

        var accounts = host.Services.GetRequiredService<AccountStore>();
        const string Password = "bench-password-0123456789";
        foreach (var role in RegistryRoles.All) await accounts.AddAsync("bench." + role, Password, [role], [RegistryRoles.AllFacilities]);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in RegistryRoles.All)
        {
            var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            (await client.PostAsJsonAsync("/auth/login", new { userName = "bench." + role, password = Password })).EnsureSuccessStatusCode();
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
            clients[role] = client;
        }
        var list = JsonDocument.Parse(await clients[RegistryRoles.Registrar].GetStringAsync("/worklists?status=completed&pageSize=1&facility=0006540001"));
        var caseId = list.RootElement.GetProperty("cases")[0].GetProperty("caseId").GetString();
        var patientId = list.RootElement.GetProperty("cases")[0].GetProperty("patientId").GetString();

        var pages = new (string Role, string Url)[]
        {
            (RegistryRoles.Registrar, "/health"),
            (RegistryRoles.Registrar, "/signin"),
            (RegistryRoles.Registrar, "/"),
            (RegistryRoles.Registrar, "/registrar/worklist"),
            (RegistryRoles.Registrar, "/registrar/worklist?search=10000042"),
            (RegistryRoles.Registrar, "/registrar/cases/new"),
            (RegistryRoles.Registrar, $"/registrar/cases/{caseId}"),
            (RegistryRoles.Registrar, $"/registrar/cases/{caseId}/history?asOf=2026-01-01"),
            (RegistryRoles.Manager, "/"),
            (RegistryRoles.Manager, "/manager/follow-up"),
            (RegistryRoles.Manager, $"/manager/follow-up/{patientId}"),
            (RegistryRoles.Manager, "/manager/rates"),
            (RegistryRoles.Manager, "/manager/workload"),
            (RegistryRoles.Epidemiologist, "/epi/survival"),
            (RegistryRoles.Epidemiologist, "/epi/survival?run=1&stratify=stage&cutoff=2024-12-31"),
            (RegistryRoles.Epidemiologist, "/epi/incidence"),
            (RegistryRoles.Epidemiologist, "/epi/incidence?run=1&state=NM&from=2015&to=2022&site=All+Sites"),
        };
        Console.WriteLine("| page | role | bytes | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (role, url) in pages)
        {
            var client = clients[role];
            for (var i = 0; i < 3; i++) (await client.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up (JIT, Razor, caches)
            var times = new List<double>();
            var bytes = 0;
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                times.Add(sw.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
                bytes = body.Length;
            }
            times.Sort();
            Console.WriteLine($"| `{url.Replace(caseId!, "{case}").Replace(patientId!, "{patient}")}` | {role} | {bytes:N0} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.95)]:F1} | {times[^1]:F1} |");
        }
        Console.WriteLine($"{runs} requests per page after 3 warm-up requests; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        return 0;
    }

    private static int ArgInt(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}

/// <summary>The service over the scratch database, with a rate limit the benchmark does not reach.</summary>
sealed class PagesHost(string connectionString) : WebApplicationFactory<global::Program>
{
    // Run from the repository root, as the other benchmarks and the demo are.
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseContentRoot(Path.Combine(Directory.GetCurrentDirectory(), "src", "TumorRegistry.Api"))
        .UseSetting(RegistryDatabase.ConnectionVariable, connectionString)
        .UseSetting("Security:RequestsPerMinute", "1000000")
        // The figures go to stdout (docs/benchmarks.md); the host logs warnings only.
        .UseSetting("Logging:LogLevel:Default", "Warning");
}
