using System.Text.Json;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Primaries;

/// <summary>
/// <c>primary_review</c> (migration 0100), inline: a questioned decision inserts its row, a resolution fills it in.
/// Both are keyed by review id, so a rebuild (table emptied, events replayed in order) writes the same rows.
/// </summary>
public sealed class PrimaryReviewProjection : RegistryProjection
{
    public const string ProjectionName = "primary_review";
    public override string Name => ProjectionName;
    public override string Table => "primary_review";
    public override ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public override Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is MultiplePrimaryQuestioned q)
                ops.QueueSqlCommand("""
                    insert into primary_review (review_id, patient_id, questioned_at, module, rule, reason, incoming_items, compared_cases)
                    values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::uuid[]) on conflict (review_id) do nothing
                    """, q.ReviewId, e.StreamId, e.Timestamp, q.Module, q.Rule, q.Reason, JsonSerializer.Serialize(q.IncomingItems),
                    q.ComparedCases.ToArray());
            else if (e.Data is MultiplePrimaryResolved r)
                ops.QueueSqlCommand("""
                    update primary_review set resolved_at = ?, decision = ?, same_as_case_id = ?::uuid, resolved_reason = ?, resolved_by = ?
                    where review_id = ?
                    """, e.Timestamp, r.Decision, r.SameAsCaseId is { } id ? id : DBNull.Value, r.Reason, e.UserName ?? "", r.ReviewId);
        }
        return Task.CompletedTask;
    }
}
