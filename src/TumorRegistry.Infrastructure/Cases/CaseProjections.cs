using TumorRegistry.Domain.Edits;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// The registry's read models: patients and case_summary inline (they commit with the events), the registrar
/// activity counts in Marten's async daemon (they may lag). The API, the CLI and the tests register these with Marten.
/// </summary>
public static class CaseProjections
{
    public static IReadOnlyList<RegistryProjection> Create(TimeProvider? clock = null, NaaccrStandards? standards = null, EditEngine? edits = null)
    {
        var s = standards ?? NaaccrStandards.Default;
        return
        [
            new PatientsProjection(),
            new CaseSummaryProjection(s, edits ?? new EditEngine(s, EditCatalog.Default), clock ?? TimeProvider.System),
            new RegistrarActivityProjection(),
            new FollowUp.FollowUpRequestsProjection(),
            new Consolidation.ConsolidationReviewProjection(),
            new Primaries.PrimaryReviewProjection(),
        ];
    }
}
