using TumorRegistry.Api.Central.AcceptReport;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TumorRegistry.Casefinding;
using TumorRegistry.Infrastructure.Casefinding;

namespace TumorRegistry.Api.Casefinding;

/// <summary>Electronic reports in (HL7 v2 pathology, FHIR EHR), screened, into the casefinding queue (issue 14, item 1).</summary>
public static class CasefindingModule
{
    public static IServiceCollection AddCasefinding(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => CasefindingLists.Default);
        services.TryAddSingleton(p => new ElectronicReportStore(p.GetRequiredService<NpgsqlDataSource>(),
            p.GetService<TimeProvider>() ?? TimeProvider.System, p.GetRequiredService<CasefindingLists>()));
        services.TryAddSingleton(p => new CasefindingQueueReader(p.GetRequiredService<NpgsqlDataSource>(), p.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddReportIntake();
        return services;
    }

    public static IEndpointRouteBuilder MapCasefinding(this IEndpointRouteBuilder app)
    {
        app.MapReceiveReports();
        app.MapReportDetail();
        app.MapCasefindingQueue();
        app.MapDismissReport();
        app.MapAcceptReport();
        return app;
    }
}
