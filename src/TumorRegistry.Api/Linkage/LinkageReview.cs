using Npgsql;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Infrastructure.Linkage;
using TumorRegistry.Linkage;

namespace TumorRegistry.Api.Linkage;

public sealed record LinkedRecord(Guid PatientId, string? NameLast, string? NameFirst, string? NameMiddle, string? NameBirthSurname,
    string? DateOfBirth, string? Sex, string? SocialSecurityNumber, string? PostalCode);

/// <summary>A pair in the review band: both records side by side, the weight and each field's agreement and weight.</summary>
public sealed record ReviewPair(long Id, double Weight, DateTimeOffset QueuedAt, LinkedRecord First, LinkedRecord Second, IReadOnlyList<FieldAgreement> Fields);

public sealed record ReviewCounts(int Open, double? OldestDays, int Linked, int Confirmed, int Rejected, double? Upper, double? Lower);

public sealed record LinkDecisionBody(string? Reason);

/// <summary>
/// The linkage review worklist: GET /linkage/pairs (identified, registrars, audited), GET /linkage/counts
/// (registrars and managers; counts only), POST /linkage/pairs/{id}/confirm|reject with a reason (events).
/// The page is /linkage/review.
/// </summary>
public static class LinkageReview
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/pairs", async (HttpContext http, int? limit, NpgsqlDataSource db, PatientLinkage linkage, CancellationToken ct) =>
            {
                var pairs = await ListAsync(db, linkage, Math.Clamp(limit ?? 50, 1, 500), ct);
                PhiAuditMiddleware.Listed(http, pairs.SelectMany(p => new[] { ((Guid?)p.First.PatientId, (Guid?)null), (p.Second.PatientId, null) }));
                return Results.Ok(pairs);
            })
            .WithName("LinkageReview").WithSummary("Pairs of patients in the review band, oldest first, both records side by side (identified).")
            .Produces<List<ReviewPair>>();

        group.MapGet("/counts", async (NpgsqlDataSource db, PatientLinkage linkage, CancellationToken ct) => Results.Ok(await CountsAsync(db, linkage, ct)))
            .WithName("LinkageReviewCounts").WithSummary("How many pairs wait for review and how old the oldest is; links and decisions so far.")
            .Produces<ReviewCounts>();

        group.MapPost("/pairs/{id:long}/confirm", (long id, LinkDecisionBody body, HttpContext http, PatientLinkage linkage, CancellationToken ct) =>
                DecideAsync(id, true, body, http, linkage, ct))
            .WithName("ConfirmPatientLink").WithSummary("The two records are the same person (PatientLinkConfirmed, with a reason).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/pairs/{id:long}/reject", (long id, LinkDecisionBody body, HttpContext http, PatientLinkage linkage, CancellationToken ct) =>
                DecideAsync(id, false, body, http, linkage, ct))
            .WithName("RejectPatientLink").WithSummary("The two records are different people (PatientLinkRejected, with a reason).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<IResult> DecideAsync(long id, bool confirm, LinkDecisionBody? body, HttpContext http, PatientLinkage linkage, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["A linkage decision needs a reason."] });
        var user = http.User.Identity?.Name ?? "unknown";
        return await linkage.DecideAsync(id, confirm, user, body.Reason.Trim(), ct) switch
        {
            DecisionResult.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No linkage pair {id}."),
            DecisionResult.AlreadyDecided => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Linkage pair {id} was already decided."),
            _ => Results.NoContent(),
        };
    }

    public static async Task<List<ReviewPair>> ListAsync(NpgsqlDataSource db, PatientLinkage linkage, int limit, CancellationToken ct)
    {
        var model = await linkage.CurrentModelAsync(ct);
        await using var cmd = db.CreateCommand($"""
            select p.id, p.weight, p.queued_at, p.pattern,
                   {Columns("a")}, {Columns("b")}
            from linkage_pairs p
            join linkage_keys a on a.patient_id = p.patient_a
            join linkage_keys b on b.patient_id = p.patient_b
            where p.status = 'review'
            order by p.queued_at, p.id
            limit $1
            """);
        cmd.Parameters.AddWithValue(limit);
        var pairs = new List<ReviewPair>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            pairs.Add(new ReviewPair(r.GetInt64(0), Math.Round(r.GetDouble(1), 2), r.GetFieldValue<DateTimeOffset>(2),
                Record(r, 4), Record(r, 13), Matcher.Explain(r.GetInt32(3), model)));
        return pairs;
    }

    public static async Task<ReviewCounts> CountsAsync(NpgsqlDataSource db, PatientLinkage linkage, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select count(*) filter (where status = 'review')::int,
                   extract(epoch from now() - min(queued_at) filter (where status = 'review')) / 86400.0,
                   count(*) filter (where status = 'linked')::int,
                   count(*) filter (where status = 'confirmed')::int,
                   count(*) filter (where status = 'rejected')::int,
                   (select count(*) from linkage_models)::int
            from linkage_pairs
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var estimated = r.GetInt32(5) > 0;
        var counts = new ReviewCounts(r.GetInt32(0), r.IsDBNull(1) ? null : Math.Round(r.GetDouble(1), 2), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), null, null);
        await r.CloseAsync();
        if (!estimated) return counts;
        var model = await linkage.CurrentModelAsync(ct);
        return counts with { Upper = Math.Round(model.Upper, 2), Lower = Math.Round(model.Lower, 2) };
    }

    private static string Columns(string t) =>
        string.Join(", ", new[] { "patient_id", "name_last", "name_first", "name_middle", "name_birth_surname", "date_of_birth", "sex", "ssn", "postal_code" }.Select(c => $"{t}.{c}"));

    private static LinkedRecord Record(NpgsqlDataReader r, int i)
    {
        string? S(int k) => r.IsDBNull(i + k) ? null : r.GetString(i + k);
        return new LinkedRecord(r.GetGuid(i), S(1), S(2), S(3), S(4), S(5), S(6), S(7), S(8));
    }
}
