using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TumorRegistry.Api.Security;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Quality;

namespace TumorRegistry.Api.Quality;

/// <summary>Data quality the way registries are judged (docs/data-quality.md): the certification indicators, their lists,
/// the trend and the monthly snapshots (QualityJobs).</summary>
public static class QualityModule
{
    public static IServiceCollection AddQuality(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => QualityReference.Load(configuration[QualityReference.RatesSetting]));
        services.TryAddSingleton(p => new QualityReader(p.GetRequiredService<NpgsqlDataSource>(), p.GetRequiredService<RegistryIncidence>().SiteGroups));
        services.TryAddSingleton<RegistryQuality>();
        return services;
    }

    public static IEndpointRouteBuilder MapQuality(this IEndpointRouteBuilder app)
    {
        var quality = app.MapGroup("/quality").WithTags("Data quality");
        quality.MapQualityIndicators();
        quality.MapQualityCases();
        quality.MapQualityTrend();
        Jobs.QualityJobs.MapQualitySnapshots(quality);
        return app;
    }

    /// <summary>A manager of some facilities sees those; "the registry" is them together (and completeness needs all).</summary>
    internal static Func<string?, bool> Holds(HttpContext http) => f => http.User.Holds(f);
}
