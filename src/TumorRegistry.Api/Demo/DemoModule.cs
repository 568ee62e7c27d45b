namespace TumorRegistry.Api.Demo;

/// <summary>`--demo`: load the made-up registry into an empty database, write its reports, then serve the API.</summary>
public static class DemoModule
{
    public const string Flag = "--demo";

    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddSingleton<DemoLoader>();

    public static async Task RunDemoAsync(this WebApplication app)
    {
        var loader = app.Services.GetRequiredService<DemoLoader>();
        await loader.LoadIfEmptyAsync(new DemoOptions());
    }
}
