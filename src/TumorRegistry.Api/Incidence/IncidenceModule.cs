using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Reports;
using TumorRegistry.Standards;

namespace TumorRegistry.Api.Incidence;

/// <summary>Incidence from the registry: population imports and exports, and incidence tables from the case read model.</summary>
public static class IncidenceModule
{
    public static IServiceCollection AddIncidence(this IServiceCollection services)
    {
        services.TryAddSingleton(NaaccrStandards.Default);
        services.TryAddSingleton(p => new RegistryIncidence(p.GetRequiredService<NpgsqlDataSource>(), p.GetRequiredService<NaaccrStandards>())
        {
            // As-of tables replay the events into the snapshot (see docs/reproducible-reports.md).
            Snapshots = new RegistrySnapshot(p.GetRequiredService<NpgsqlDataSource>(), p.GetRequiredService<RegistryEvents>(),
                p.GetRequiredService<NaaccrStandards>(), p.GetService<EditEngine>()),
        });
        services.TryAddSingleton(p => p.GetRequiredService<RegistryIncidence>().Populations);
        return services;
    }

    public static IEndpointRouteBuilder MapIncidence(this IEndpointRouteBuilder app)
    {
        var populations = app.MapGroup("/populations").WithTags("Populations");
        populations.MapImportPopulation();
        populations.MapListPopulations();
        populations.MapExportPopulation();
        var incidence = app.MapGroup("").WithTags("Incidence");
        incidence.MapGetIncidence();
        incidence.MapGetIncidenceAreas();
        return app;
    }
}
