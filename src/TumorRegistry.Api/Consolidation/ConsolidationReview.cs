using MediatR;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Validation;

namespace TumorRegistry.Api.Consolidation;

public sealed record ReviewItem(Guid ConflictId, Guid CaseId, Guid PatientId, int CaseVersion, string? ReportingFacility, string NaaccrId,
    string? CaseValue, string SourceValue, string RuleId, string Message, string SourceId, string SourceKind, string? SourceFacility,
    DateTimeOffset RaisedAt, int AgeDays);

public sealed record ReviewCount(string NaaccrId, int Open, int OldestDays);

/// <summary>The open conflicts, oldest first, with counts by item and the age of the oldest.</summary>
public sealed record ReviewList(string? Facility, int Open, int OldestDays, IReadOnlyList<ReviewCount> ByItem, IReadOnlyList<ReviewItem> Items);

public sealed record GetConsolidationReview(string? Facility, int Limit) : IRequest<ReviewList>;

public sealed class GetConsolidationReviewHandler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<GetConsolidationReview, ReviewList>
{
    public async Task<ReviewList> Handle(GetConsolidationReview request, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select r.conflict_id, r.case_id, c.patient_id, c.version, c.reporting_facility, r.naaccr_id, r.case_value, r.source_value,
                r.rule_id, r.message, r.source_id, r.source_kind, r.source_facility, r.raised_at
            from consolidation_review r join case_summary c on c.case_id = r.case_id
            where r.resolved_at is null and ($1::text is null or c.reporting_facility = $1)
            order by r.raised_at, r.conflict_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var now = clock.GetUtcNow();
        var items = new List<ReviewItem>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var raised = r.GetFieldValue<DateTimeOffset>(13);
                items.Add(new ReviewItem(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetInt32(3), Text(r, 4), r.GetString(5), Text(r, 6),
                    r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11), Text(r, 12), raised, (int)(now - raised).TotalDays));
            }
        var byItem = items.GroupBy(i => i.NaaccrId).Select(g => new ReviewCount(g.Key, g.Count(), g.Max(i => i.AgeDays)))
            .OrderByDescending(c => c.Open).ThenBy(c => c.NaaccrId, StringComparer.Ordinal).ToList();
        return new ReviewList(request.Facility, items.Count, items.Count == 0 ? 0 : items.Max(i => i.AgeDays), byItem, items.Take(request.Limit).ToList());
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

/// <summary>The body of a resolution: the value chosen for the item and why.</summary>
public sealed record ResolutionBody(string? Value, string? Reason);

/// <summary>Settles a consolidation conflict on its case with the chosen value (an event that applies it).</summary>
public sealed record ResolveConflict(Guid ConflictId, string? Value) : RegistryCommand
{
    public override IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Reason)) yield return new FieldError("reason", "Resolving a conflict needs a reason.");
        if (string.IsNullOrWhiteSpace(Value)) yield return new FieldError("value", "Choose the value.");
    }
}

public sealed class ResolveConflictHandler(CaseWriter writer, TimeProvider clock) : IRequestHandler<ResolveConflict, CommandResult>
{
    public async Task<CommandResult> Handle(ResolveConflict request, CancellationToken ct)
    {
        var loaded = await writer.Repository.LoadCaseAsync(request.StreamId, ct: ct);
        var stream = loaded.Events.Select(e => (DomainEvent)e.Data).ToList();
        return await writer.OnCaseAsync(request, (tumor, _) =>
            CaseConsolidation.Resolve(tumor, stream, request.ConflictId, request.Value, request.Reason, clock.GetUtcNow()), ct);
    }
}

public static class ConsolidationReviewEndpoints
{
    public static void MapConsolidationReview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/consolidation/review", async (string? facility, int? limit, IMediator m, HttpContext http, CancellationToken ct) =>
            {
                if (limit is < 1 or > 1000) return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Limit is 1 to 1000."] });
                var list = await m.Send(new GetConsolidationReview(string.IsNullOrWhiteSpace(facility) ? null : facility.Trim(), limit ?? 200), ct);
                PhiAuditMiddleware.Listed(http, list.Items.Select(i => ((Guid?)i.PatientId, (Guid?)i.CaseId)));
                return Results.Ok(list);
            })
            .WithName("GetConsolidationReview").WithSummary("Open consolidation conflicts (diagnosis date, site, histology ...), oldest first, with counts and age.")
            .Produces<ReviewList>().ProducesValidationProblem();

        app.MapPost("/consolidation/review/{id:guid}/resolve", async (Guid id, ResolutionBody body, IMediator m, HttpContext http,
                NpgsqlDataSource db, CancellationToken ct) =>
            {
                await using var cmd = db.CreateCommand("select r.case_id, c.patient_id from consolidation_review r left join case_summary c on c.case_id = r.case_id where r.conflict_id = $1");
                cmd.Parameters.AddWithValue(id);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                if (!await r.ReadAsync(ct)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No consolidation conflict {id}.");
                var caseId = r.GetGuid(0);
                if (!r.IsDBNull(1)) http.Items[PhiAuditMiddleware.PatientItem] = r.GetGuid(1);
                await r.DisposeAsync();
                return await m.SendAsync(http, caseId, new ResolveConflict(id, body.Value) { Reason = body.Reason }, $"/cases/{caseId}");
            })
            .WithName("ResolveConsolidationConflict").WithSummary("Resolve a consolidation conflict with the chosen value and a reason (If-Match: the case's version).")
            .WriteResponses();
    }
}
