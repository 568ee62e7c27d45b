using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.FollowUp;

/// <summary>What a run of a follow-up job did: patients looked at and patients written.</summary>
public sealed record FollowUpRun(int Candidates, int Written, int Raced);

/// <summary>
/// The daily follow-up work behind the Hangfire jobs: due requests, escalations, lost and restored patients. Each step
/// reads the read models for candidates, then decides on the patient's whole stream and appends at the version read, one
/// patient per transaction: a run twice on one day, or on two servers at once, writes each event once (the second
/// finds nothing to do, or loses the version race and skips), and a run killed midway leaves whole requests only.
/// </summary>
public sealed class FollowUpWorkflow(FollowUpReader reader, RegistryEvents events, NpgsqlDataSource db, FollowUpRules rules)
{
    public const string JobUser = "follow-up-job";
    private const int Parallelism = 4;

    /// <summary>Requests for living followed patients due on or before the day: physician first, else the patient.</summary>
    public async Task<FollowUpRun> CreateDueRequestsAsync(DateOnly day, CancellationToken ct)
    {
        var requested = await RequestsAsync(ct);
        var candidates = (await FollowedAsync(day, ct))
            .Where(p => (p.Case.DueOn ?? day) <= day)
            .Where(p => !requested.TryGetValue(p.PatientId, out var r) || !r.Any(x => x.Open || x.DueOn == (p.Case.DueOn ?? day)))
            .ToList();
        candidates = await WithAddresseesAsync(candidates, ct);
        return await ForEachAsync(candidates, "due for yearly follow-up", (p, h) =>
        {
            var first = Sequence(p)[0];
            return h.Request(Guid.NewGuid(), p.Case.DueOn ?? day, day, first, TemplateOf(first), p.Cases);
        }, ct);
    }

    /// <summary>Open requests unanswered for <paramref name="days"/> days go to the next source: physician, patient, contact.</summary>
    public async Task<FollowUpRun> EscalateAsync(DateOnly day, int days, CancellationToken ct)
    {
        var open = (await RequestsAsync(ct)).Where(r => r.Value.Any(x => x.Open && x.AskedOn.AddDays(days) <= day)).Select(r => r.Key).ToHashSet();
        var candidates = await WithAddresseesAsync((await FollowedAsync(day, ct)).Where(p => open.Contains(p.PatientId)).ToList(), ct);
        return await ForEachAsync(candidates, "no answer to the follow-up request", (p, h) =>
        {
            var sequence = Sequence(p);
            var at = sequence.FindIndex(a => a.Kind == h.Open!.Addressee.Kind);
            var next = at + 1 < sequence.Count ? sequence[at + 1] : null;
            return h.Escalate(day, days, next, next is null ? "" : TemplateOf(next));
        }, ct);
    }

    /// <summary>Marks lost the followed patients without contact for more than 15 months; restores those contacted since.</summary>
    public async Task<FollowUpRun> MarkLostAsync(DateOnly day, CancellationToken ct)
    {
        var lost = new HashSet<Guid>();
        await using (var cmd = db.CreateCommand("select patient_id from follow_up_lost"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) lost.Add(r.GetGuid(0));
        var candidates = (await FollowedAsync(day, ct)).Where(p => lost.Contains(p.PatientId) != p.Case.IsLostAsOf(day)).ToList();
        return await ForEachAsync(candidates, "follow-up lost or found again", (p, h) =>
            h.IsLost
                ? (p.Case.IsLostAsOf(day) ? [] : [new FollowUpRestored(day, p.Case.DateOfLastContact ?? "")])
                : h.MarkLost(day, p.Case), ct);
    }

    /// <summary>A living patient with at least one followed case as of the day (analytic, not excluded).</summary>
    public sealed record FollowedPatient(Guid PatientId, int Version, FollowUpCase Case, IReadOnlyList<Guid> Cases, IReadOnlyList<FollowUpRow> Rows);

    public async Task<IReadOnlyList<FollowedPatient>> FollowedAsync(DateOnly day, CancellationToken ct) =>
        (await reader.AnalyticCasesForRulesAsync(ct))
            .Where(r => r.Case.NeedsFollowUp && !r.Case.IsExcluded(day, rules))
            .GroupBy(r => r.PatientId)
            .Select(g => new FollowedPatient(g.Key, g.First().PatientVersion, g.First().Case, g.Select(r => r.CaseId).ToList(), g.ToList()))
            .ToList();

    /// <summary>The candidates with their followed cases' physicians and contacts and their current address (read for them only).</summary>
    private async Task<List<FollowedPatient>> WithAddresseesAsync(List<FollowedPatient> candidates, CancellationToken ct)
    {
        var rows = (await reader.CasesOfPatientsAsync(candidates.Select(c => c.PatientId).ToList(), ct)).ToLookup(r => r.CaseId);
        return candidates.Select(c => c with { Rows = c.Cases.SelectMany(id => rows[id]).ToList() }).Where(c => c.Rows.Count > 0).ToList();
    }

    /// <summary>Whom to ask, in order: the physician (when abstracted), the patient, the contact (when abstracted).</summary>
    public static List<FollowUpAddressee> Sequence(FollowedPatient p)
    {
        var list = new List<FollowUpAddressee>();
        if (p.Rows.Select(r => r.Physician).FirstOrDefault(a => a is not null) is { } physician) list.Add(physician);
        list.Add(p.Rows[0].PatientAddress);
        if (p.Rows.Select(r => r.Contact).FirstOrDefault(a => a is not null) is { } contact) list.Add(contact);
        return list;
    }

    public static string TemplateOf(FollowUpAddressee a) => a.Kind;

    private sealed record RequestRow(DateOnly DueOn, bool Open, DateOnly AskedOn);

    private async Task<Dictionary<Guid, List<RequestRow>>> RequestsAsync(CancellationToken ct)
    {
        var result = new Dictionary<Guid, List<RequestRow>>();
        await using var cmd = db.CreateCommand("select patient_id, due_on, answered_on is null, asked_on from follow_up_requests");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!result.TryGetValue(r.GetGuid(0), out var list)) result[r.GetGuid(0)] = list = [];
            list.Add(new RequestRow(r.GetFieldValue<DateOnly>(1), r.GetBoolean(2), r.GetFieldValue<DateOnly>(3)));
        }
        return result;
    }

    /// <summary>Decides on each candidate's whole stream and appends at the version read; a lost race is skipped.</summary>
    private async Task<FollowUpRun> ForEachAsync(IReadOnlyList<FollowedPatient> candidates, string reason,
        Func<FollowedPatient, FollowUpHistory, IReadOnlyList<DomainEvent>> decide, CancellationToken ct)
    {
        var (written, raced) = (0, 0);
        // Patients are independent (one stream, one transaction each): a few at once keep the database busy.
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (p, token) =>
        {
            var stream = await events.ReadStreamAsync(p.PatientId, ct: token);
            var decided = decide(p, FollowUpHistory.From(stream.Select(e => (DomainEvent)e.Data)));
            if (decided.Count == 0) return;
            try
            {
                await events.AppendAsync(new StreamAppend(p.PatientId, StreamTypes.Patient, stream.Count == 0 ? 0 : stream[^1].Version,
                    decided.Cast<object>().ToList()), new EventMetadata(JobUser, reason), token);
                Interlocked.Increment(ref written);
            }
            catch (ConcurrencyException)
            {
                Interlocked.Increment(ref raced); // another server (or a registrar) wrote first; the next run decides again on the new stream
            }
        });
        return new FollowUpRun(candidates.Count, written, raced);
    }
}
