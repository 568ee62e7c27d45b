using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.EventStore;
using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// The case abstraction read models, registered inline (they commit with the events). The API, the CLI's
/// <c>rebuild-projection</c> and the demo loader build their EventStore and ProjectionDaemon from these.
/// </summary>
public static class CaseProjections
{
    public static IReadOnlyList<ProjectionRegistration> Create(EventTypeRegistry types, TimeProvider? clock = null,
        NaaccrStandards? standards = null, EditEngine? edits = null)
    {
        var s = standards ?? NaaccrStandards.Default;
        return
        [
            new(new PatientsProjection(types), ProjectionLifecycle.Inline),
            new(new CaseSummaryProjection(types, s, edits ?? new EditEngine(s, EditCatalog.Default), clock ?? TimeProvider.System),
                ProjectionLifecycle.Inline),
        ];
    }

    /// <summary>An event store over the registry's database with the domain events and these projections.</summary>
    public static (EventStore.EventStore Store, IReadOnlyList<ProjectionRegistration> Projections) CreateStore(
        Npgsql.NpgsqlDataSource dataSource, TimeProvider? clock = null)
    {
        var types = RegistryEventTypes.Create();
        var projections = Create(types, clock);
        return (new EventStore.EventStore(dataSource, types, projections, clock), projections);
    }
}
