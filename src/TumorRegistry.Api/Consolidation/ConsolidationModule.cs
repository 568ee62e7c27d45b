using Microsoft.Extensions.DependencyInjection.Extensions;
using TumorRegistry.Domain.Consolidation;

namespace TumorRegistry.Api.Consolidation;

/// <summary>Consolidation of source records into cases: the rules, the entry point, the endpoints (handlers are found by AddCases).</summary>
public static class ConsolidationModule
{
    public static IServiceCollection AddConsolidation(this IServiceCollection services)
    {
        services.TryAddSingleton(Consolidator.Default);
        services.AddScoped<ConsolidationOutcome>();
        services.AddScoped<ConsolidationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsolidation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Consolidation");
        group.MapConsolidateSourceRecord();
        group.MapCaseSources();
        group.MapConsolidationReview();
        return app;
    }
}
