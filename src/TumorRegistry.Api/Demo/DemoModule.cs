namespace TumorRegistry.Api.Demo;

/// <summary>`--demo`: load the made-up registry into an empty database, write its reports, then serve the API.</summary>
public static class DemoModule
{
    public const string Flag = "--demo";

    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddSingleton<DemoLoader>().AddSingleton<DemoReports>();

    public static async Task RunDemoAsync(this WebApplication app)
    {
        var reports = app.Services.GetRequiredService<DemoReports>();
        if (await app.Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(new DemoOptions()))
            await reports.ImportDenominatorsAsync();
        var folder = app.Configuration["TUMORREGISTRY_REPORTS"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data", "reports");
        await reports.WriteAsync(folder);
        await app.Services.GetRequiredService<Security.Authentication.DemoAccounts>().PrintAsync(Console.Out);
    }
}
