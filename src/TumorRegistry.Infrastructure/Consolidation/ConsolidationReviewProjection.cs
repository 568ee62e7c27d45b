using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Consolidation;

/// <summary>
/// <c>consolidation_review</c> (migration 0105), inline: a row per conflict a source record raised, closed when a
/// registrar resolves it. Each event touches its own rows only, so a replay in stream order writes the same table.
/// </summary>
public sealed class ConsolidationReviewProjection : RegistryProjection
{
    public const string ProjectionName = "consolidation_review";
    public override string Name => ProjectionName;
    public override string Table => "consolidation_review";
    public override ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public override Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            switch (e.Data)
            {
                case SourceRecordConsolidated s:
                    foreach (var c in s.Conflicts)
                        ops.QueueSqlCommand("""
                            insert into consolidation_review (conflict_id, case_id, naaccr_id, case_value, source_value, rule_id, message,
                                source_id, source_kind, source_facility, raised_at)
                            values (?, ?, ?, ?::text, ?, ?, ?, ?, ?, ?::text, ?) on conflict (conflict_id) do nothing
                            """, c.ConflictId, e.StreamId, c.NaaccrId, Db(c.CaseValue), c.SourceValue, c.RuleId, c.Message,
                            s.SourceId, s.SourceKind, Db(s.ReportingFacility), s.ConsolidatedAt);
                    break;
                case ConsolidationConflictResolved r:
                    ops.QueueSqlCommand("update consolidation_review set resolved_at = ?, chosen_value = ?, resolved_by = ?::text where conflict_id = ?",
                        r.ResolvedAt, r.ChosenValue, Db(e.UserName), r.ConflictId);
                    break;
            }
        return Task.CompletedTask;
    }

    private static object Db(object? value) => value ?? DBNull.Value;
}
