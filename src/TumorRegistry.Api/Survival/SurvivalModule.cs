using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Reports;
using TumorRegistry.Infrastructure.Survival;
using TumorRegistry.Standards;

namespace TumorRegistry.Api.Survival;

/// <summary>Survival from the registry: observed, cause-specific, life-table, conditional and relative reports; life tables.</summary>
public static class SurvivalModule
{
    public static IServiceCollection AddSurvival(this IServiceCollection services)
    {
        services.TryAddSingleton(NaaccrStandards.Default);
        services.TryAddSingleton(p => new StratumLabels(p.GetRequiredService<NaaccrStandards>(),
            new SiteGroups(p.GetRequiredService<NaaccrStandards>().SiteRecode)));
        services.TryAddSingleton(p => new SurvivalReports(p.GetRequiredService<NpgsqlDataSource>(), p.GetRequiredService<StratumLabels>())
        {
            // As-of reports replay the events: the snapshot needs the event store and the projections' standards and edits.
            Snapshots = new RegistrySnapshot(p.GetRequiredService<NpgsqlDataSource>(), p.GetRequiredService<RegistryEvents>(),
                p.GetRequiredService<NaaccrStandards>(), p.GetService<EditEngine>()),
        });
        services.TryAddSingleton(p => p.GetRequiredService<SurvivalReports>().LifeTables);
        return services;
    }

    public static IEndpointRouteBuilder MapSurvival(this IEndpointRouteBuilder app)
    {
        var survival = app.MapGroup("/survival").WithTags("Survival");
        survival.MapGetSurvivalReports();
        survival.MapImportLifeTable();
        survival.MapListLifeTables();
        survival.MapExportLifeTable();
        return app;
    }
}
