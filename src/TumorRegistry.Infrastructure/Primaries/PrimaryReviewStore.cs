using System.Text.Json;
using Npgsql;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Infrastructure.Primaries;

public sealed record ReviewItem(Guid ReviewId, Guid PatientId, string? PatientIdNumber, DateTimeOffset QuestionedAt, int AgeDays,
    string Module, string Rule, string Reason, IReadOnlyDictionary<string, string> IncomingItems, IReadOnlyList<Guid> ComparedCases,
    DateTimeOffset? ResolvedAt, string? Decision, Guid? SameAsCaseId, string? ResolvedReason, string? ResolvedBy,
    IReadOnlyList<string> Facilities);

public sealed record ReviewCounts(int Open, int Resolved, int OldestOpenDays);

/// <summary>The review worklist's I/O: a patient's tumors for the rules, questioned decisions in, resolutions in, the list out.</summary>
public sealed class PrimaryReviewStore(NpgsqlDataSource db, RegistryEvents events, TimeProvider clock)
{
    public async Task<bool> PatientExistsAsync(Guid patientId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select exists (select 1 from patients where patient_id = $1)");
        cmd.Parameters.AddWithValue(patientId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The reporting facilities of the patient's cases (who may see the patient).</summary>
    public async Task<IReadOnlyList<string>> FacilitiesOfAsync(Guid patientId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select distinct reporting_facility from case_summary where patient_id = $1 and reporting_facility is not null");
        cmd.Parameters.AddWithValue(patientId);
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>The patient's cases (duplicates left out: they are not primaries) with the items the rules read.</summary>
    public async Task<IReadOnlyList<(Guid CaseId, Dictionary<string, string?> Items)>> TumorsOfAsync(Guid patientId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select case_id, primary_site, histology, behavior, laterality, date_of_diagnosis from case_summary
            where patient_id = $1 and status <> 'duplicate' order by date_of_diagnosis nulls last, case_id
            """);
        cmd.Parameters.AddWithValue(patientId);
        var list = new List<(Guid, Dictionary<string, string?>)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            list.Add((r.GetGuid(0), new Dictionary<string, string?>
            {
                ["primarySite"] = S(1), ["histologicTypeIcdO3"] = S(2), ["behaviorCodeIcdO3"] = S(3),
                ["laterality"] = S(4), ["dateOfDiagnosis"] = S(5),
            }));
        }
        return list;
    }

    /// <summary>Appends the questioned decision to the patient's stream (additive: any version) and returns its review id.</summary>
    public async Task<Guid> QuestionAsync(Guid patientId, IReadOnlyDictionary<string, string> incoming, PrimaryDecision decision,
        string user, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var compared = decision.Comparisons.Select(c => Guid.TryParse(c.CaseId, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var e = new MultiplePrimaryQuestioned(id, incoming, compared, decision.Module, decision.Rule, decision.Reason);
        await events.AppendAsync(new StreamAppend(patientId, StreamTypes.Patient, StreamAppend.Any, [e]),
            new EventMetadata(user, "multiple primary rules: questionable"), ct);
        return id;
    }

    public async Task ResolveAsync(ReviewItem item, string decision, Guid? sameAs, string reason, string user, CancellationToken ct) =>
        await events.AppendAsync(new StreamAppend(item.PatientId, StreamTypes.Patient, StreamAppend.Any,
            [new MultiplePrimaryResolved(item.ReviewId, decision, sameAs, reason)]), new EventMetadata(user, reason), ct);

    public async Task<ReviewItem?> GetAsync(Guid reviewId, CancellationToken ct) =>
        (await ListAsync("r.review_id = $1", reviewId, ct)).FirstOrDefault();

    /// <summary>Open items (or all), oldest first.</summary>
    public Task<IReadOnlyList<ReviewItem>> ListAsync(bool openOnly, CancellationToken ct) =>
        ListAsync(openOnly ? "r.resolved_at is null" : "true", null, ct);

    int AgeDays(DateTimeOffset at) => Math.Max(0, (int)(clock.GetUtcNow() - at).TotalDays);

    async Task<IReadOnlyList<ReviewItem>> ListAsync(string where, Guid? id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select r.review_id, r.patient_id, p.patient_id_number, r.questioned_at, r.module, r.rule, r.reason, r.incoming_items::text,
                   r.compared_cases, r.resolved_at, r.decision, r.same_as_case_id, r.resolved_reason, r.resolved_by,
                   coalesce((select array_agg(distinct c.reporting_facility) from case_summary c
                             where c.patient_id = r.patient_id and c.reporting_facility is not null), array[]::text[])
            from primary_review r left join patients p on p.patient_id = r.patient_id
            where {where} order by r.questioned_at, r.review_id
            """);
        if (id is { } g) cmd.Parameters.AddWithValue(g);
        var list = new List<ReviewItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var at = r.GetFieldValue<DateTimeOffset>(3);
            list.Add(new ReviewItem(r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2), at, AgeDays(at),
                r.GetString(4), r.GetString(5), r.GetString(6), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7))!,
                r.GetFieldValue<Guid[]>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetString(10),
                r.IsDBNull(11) ? null : r.GetGuid(11), r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13),
                r.GetFieldValue<string[]>(14)));
        }
        return list;
    }
}
