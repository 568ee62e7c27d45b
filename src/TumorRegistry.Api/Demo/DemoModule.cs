using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TumorRegistry.Api.Demo;

/// <summary>`--demo`: load the made-up registry into an empty database, write its reports, then serve the API.</summary>
public static class DemoModule
{
    public const string Flag = "--demo";

    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddSingleton<DemoLoader>().AddSingleton<DemoReports>();

    public static async Task RunDemoAsync(this WebApplication app)
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var wanted = DemoRegistry.Options(app.Configuration, today);
        var reports = app.Services.GetRequiredService<DemoReports>();
        Console.WriteLine($"Demo: a synthetic registry of {wanted.Tumors:N0} tumors (seed {wanted.Seed}); the first start loads it, later starts reuse it.");
        var (options, loaded) = await app.Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(wanted, Console.Out);
        if (loaded) await reports.ImportDenominatorsAsync(options);
        await DemoFollowUp.RunAsync(app.Services, Console.Out);
        var folder = app.Configuration["TUMORREGISTRY_REPORTS"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data", "reports");
        Console.WriteLine("Demo: writing the reports...");
        await reports.WriteAsync(folder, options);
        Console.WriteLine($"Demo: reports in {folder}");
        await app.Services.GetRequiredService<Security.Authentication.DemoAccounts>().PrintAsync(Console.Out);
        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app, options));
    }

    // The addresses are known once the server listens.
    private static void PrintUrls(WebApplication app, Synthetic.SyntheticOptions options)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        Console.WriteLine($"""

            The demo registry is up at {address}
              {address}/                       sign in (the accounts above), then the pages of your role
              {address}/worklists?status=open  open cases (JSON; registrar, manager)
              {address}/survival/observed?stratify=stage&format=html   survival by stage (epidemiologist, manager)
              {address}/incidence?state=NM&from={options.LastYear - 4}&to={options.LastYear}&format=html   incidence by county
              {address}/jobs                   Hangfire dashboard (manager, admin)
              {address}/openapi/v1.json        the API
            Stop with Ctrl+C; the next start reuses the data.
            """);
    }
}
