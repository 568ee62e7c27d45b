using Microsoft.Extensions.DependencyInjection.Extensions;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Primaries;

namespace TumorRegistry.Api.Primaries;

/// <summary>Multiple primaries: the rules (same primary / new primary / questionable) and the registrars' review worklist.</summary>
public static class PrimariesModule
{
    public static IServiceCollection AddPrimaries(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new MultiplePrimaryRules(PrimaryRuleBook.LoadShipped()));
        services.TryAddSingleton<PrimaryReviewStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapPrimaries(this IEndpointRouteBuilder app)
    {
        var primaries = app.MapGroup("/primaries").WithTags("Multiple primaries");
        primaries.MapDecidePrimary();
        primaries.MapPrimaryReview();
        return app;
    }
}
