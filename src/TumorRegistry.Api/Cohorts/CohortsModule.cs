using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TumorRegistry.Infrastructure.Cohorts;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Api.Cohorts;

/// <summary>Saved cohorts (definitions reused by survival, incidence and export) and clinical trial screening.</summary>
public static class CohortsModule
{
    public static IServiceCollection AddCohorts(this IServiceCollection services)
    {
        services.TryAddSingleton(p => new SavedCohortStore(p.GetRequiredService<NpgsqlDataSource>(), p.GetRequiredService<StratumLabels>()));
        services.TryAddSingleton(p => new TrialScreening(p.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    public static IEndpointRouteBuilder MapCohorts(this IEndpointRouteBuilder app)
    {
        var cohorts = app.MapGroup("/cohorts").WithTags("Cohorts");
        cohorts.MapSaveCohort();
        cohorts.MapListCohorts();
        cohorts.MapTrialCandidates();
        return app;
    }
}
