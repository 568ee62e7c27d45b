using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.FollowUp;

/// <summary>
/// <c>follow_up_requests</c> and <c>follow_up_lost</c> (migration 0040), inline: a patient stream that gets a follow-up
/// event is refolded whole (FollowUpHistory) and its rows rewritten, so a rebuild writes what the live appends wrote.
/// </summary>
public sealed class FollowUpRequestsProjection : RegistryProjection
{
    public const string ProjectionName = "follow_up_requests";
    public override string Name => ProjectionName;
    public override string Table => "follow_up_requests";
    public override ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public static bool IsFollowUpEvent(object data) =>
        data is FollowUpRequested or FollowUpLetterSent or FollowUpEscalated or FollowUpAnswered or FollowUpLost or FollowUpRestored;

    public override async Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var ids = events.Where(e => IsFollowUpEvent(e.Data)).Select(e => e.StreamId).Distinct().ToList();
        if (ids.Count == 0) return;
        await StreamLocks.ForUpdateAsync(ops, ids, ct);
        foreach (var s in (await StreamFolder.FoldAsync(ops, ids, events, ct)).Values)
        {
            var h = FollowUpHistory.From(s.Events);
            ops.QueueSqlCommand("delete from follow_up_requests where patient_id = ?", s.Id);
            foreach (var r in h.Requests)
            {
                var last = r.Letters.Count > 0 ? r.Letters[^1] : default;
                ops.QueueSqlCommand("""
                    insert into follow_up_requests (request_id, patient_id, due_on, requested_on, addressee_kind, addressee_name,
                        addressee_npi, letter_template, escalations, asked_on, letters_sent, last_sent_on, last_batch_id, answered_on, cases)
                    values (?, ?, ?, ?, ?, ?::text, ?::text, ?, ?, ?, ?, ?::date, ?::uuid, ?::date, ?::uuid[])
                    """, r.RequestId, s.Id, r.DueOn, r.RequestedOn, r.Addressee.Kind, Db(r.Addressee.Name), Db(r.Addressee.Npi),
                    r.LetterTemplate, r.Escalations, r.AskedOn, r.Letters.Count, r.Letters.Count > 0 ? last.SentOn : (object)DBNull.Value,
                    r.Letters.Count > 0 ? last.BatchId : (object)DBNull.Value, Db(r.AnsweredOn), r.Cases.ToArray());
            }
            if (h.LostOn is { } lost)
                ops.QueueSqlCommand("""
                    insert into follow_up_lost (patient_id, lost_on, date_of_last_contact) values (?, ?, ?::text)
                    on conflict (patient_id) do update set lost_on = excluded.lost_on, date_of_last_contact = excluded.date_of_last_contact
                    """, s.Id, lost, Db(s.Events.OfType<FollowUpLost>().Last().DateOfLastContact));
            else ops.QueueSqlCommand("delete from follow_up_lost where patient_id = ?", s.Id);
        }
    }

    private static object Db(object? value) => value ?? DBNull.Value;
}
