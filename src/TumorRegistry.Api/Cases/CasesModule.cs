using MediatR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TumorRegistry.Api.Cases.CaseEdits;
using TumorRegistry.Api.Cases.CaseHistory;
using TumorRegistry.Api.Cases.CompleteCase;
using TumorRegistry.Api.Cases.CorrectItems;
using TumorRegistry.Api.Cases.GetCase;
using TumorRegistry.Api.Cases.ImportItems;
using TumorRegistry.Api.Cases.MarkDuplicate;
using TumorRegistry.Api.Cases.OpenCase;
using TumorRegistry.Api.Cases.OverrideEdit;
using TumorRegistry.Api.Cases.RecordAbstraction;
using TumorRegistry.Api.Cases.RecordPatientItems;
using TumorRegistry.Api.Cases.RegisterPatient;
using TumorRegistry.Api.Cases.ReopenCase;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Cases.Worklists;
using TumorRegistry.Api.Pipeline;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Cases;
using JasperFx.Events.Daemon;
using Marten;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Standards;

namespace TumorRegistry.Api.Cases;

/// <summary>Case abstraction: the event store with the case projections, MediatR with its pipeline, and the endpoints.</summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NaaccrStandards.Default);
        services.TryAddSingleton(p => new EditEngine(p.GetRequiredService<NaaccrStandards>(), EditCatalog.Default));
        services.TryAddSingleton<IReadOnlyList<RegistryProjection>>(p => CaseProjections.Create(p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<NaaccrStandards>(), p.GetRequiredService<EditEngine>()));
        // Marten: the store, lightweight sessions, and the async daemon (hot/cold: one node runs each async projection).
        services.AddMarten(p => RegistryStore.Options(p.GetRequiredService<RegistryDatabase>().ConnectionString,
                p.GetRequiredService<TimeProvider>(), p.GetRequiredService<IReadOnlyList<RegistryProjection>>(), p.GetService<Action<StoreOptions>>()))
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold);
        services.TryAddSingleton<RegistryEvents>();
        services.TryAddSingleton(p => new ProjectionRebuilder(p.GetRequiredService<IDocumentStore>(),
            p.GetRequiredService<IReadOnlyList<RegistryProjection>>(),
            () => Task.FromResult(p.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase())));
        services.TryAddSingleton<CaseRepository>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<CaseWriter>();

        // MediatR 5 has no DI package here: the mediator resolves handlers and behaviors through ServiceFactory.
        services.AddScoped<ServiceFactory>(p => type => p.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        // Outermost first: audit sees every outcome, then who, then what, then the transaction around the handler.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        foreach (var handler in typeof(CasesModule).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            foreach (var service in handler.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                services.AddScoped(service, handler);
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("").WithTags("Patients");
        var cases = app.MapGroup("").WithTags("Cases");
        patients.MapRegisterPatient();
        patients.MapRecordPatientItems();
        cases.MapOpenCase();
        cases.MapRecordAbstraction();
        cases.MapCompleteCase();
        cases.MapReopenCase();
        cases.MapCorrectItems();
        cases.MapOverrideEdit();
        cases.MapMarkDuplicate();
        cases.MapImportItems();
        cases.MapGetCase();
        cases.MapCaseHistory();
        cases.MapCaseEdits();
        var work = app.MapGroup("").WithTags("Worklists and edits");
        work.MapWorklists();
        work.MapRegistryEdits();
        return app;
    }
}
