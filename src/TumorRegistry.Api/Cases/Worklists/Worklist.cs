using MediatR;
using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Api.Cases.Worklists;

public sealed record WorklistCase(Guid CaseId, Guid PatientId, string Status, int Version, string? ReportingFacility,
    string? AbstractedBy, DateTimeOffset UpdatedAt, string? PrimarySite, string? Histology, string? DateOfDiagnosis, int ErrorCount);

public sealed record WorklistPage(string? Status, string? Facility, string? Abstractor, int Page, int PageSize, long Total,
    IReadOnlyList<WorklistCase> Cases);

public sealed record GetWorklist(string? Status, string? Facility, string? Abstractor, int Page, int PageSize) : IRequest<WorklistPage>
{
    /// <summary>Open, incomplete or failing edits: the cases still being abstracted (the home page's "my open cases").</summary>
    public bool OpenOnly { get; init; }
    /// <summary>A patient id number, accession number, date of birth (yyyyMMdd) or the start of a last name.</summary>
    public string? Search { get; init; }
}

/// <summary>Cases by status, reporting facility and abstractor, oldest change first (what has waited longest).</summary>
public sealed class GetWorklistHandler(NpgsqlDataSource db) : IRequestHandler<GetWorklist, WorklistPage>
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "incomplete", "failing_edits", "completed", "duplicate"];

    public async Task<WorklistPage> Handle(GetWorklist request, CancellationToken cancellationToken)
    {
        const string filter = """
            from case_summary c
            where ($1::text is null or c.status = $1) and ($2::text is null or c.reporting_facility = $2)
              and ($3::text is null or c.abstracted_by = $3)
              and (not $4::boolean or c.status in ('open', 'incomplete', 'failing_edits'))
              and ($5::text is null or c.items->>'accessionNumberHosp' = $5 or c.patient_id in (
                       select patient_id from patients where patient_id_number = $5
                       union all select patient_id from patients where date_of_birth = $5
                       union all select patient_id from patients where lower(items->>'nameLast') like replace(replace(replace(lower($5), '\', '\\'), '%', '\%'), '_', '\_') || '%'))
            """;
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command($"select count(*) {filter}", request));
        var page = Command($"""
            select c.case_id, c.patient_id, c.status, c.version, c.reporting_facility, c.abstracted_by, c.updated_at, c.primary_site, c.histology,
                c.date_of_diagnosis, c.error_count {filter} order by c.updated_at, c.case_id limit $6 offset $7
            """, request);
        page.Parameters.AddWithValue(request.PageSize);
        page.Parameters.AddWithValue((request.Page - 1) * request.PageSize);
        batch.BatchCommands.Add(page);

        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        var total = r.GetInt64(0);
        await r.NextResultAsync(cancellationToken);
        var cases = new List<WorklistCase>();
        while (await r.ReadAsync(cancellationToken))
            cases.Add(new WorklistCase(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), Text(r, 4), Text(r, 5),
                r.GetFieldValue<DateTimeOffset>(6), Text(r, 7), Text(r, 8), Text(r, 9), r.GetInt32(10)));
        return new WorklistPage(request.Status, request.Facility, request.Abstractor, request.Page, request.PageSize, total, cases);
    }

    private static NpgsqlBatchCommand Command(string sql, GetWorklist q)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var value in new[] { q.Status, q.Facility, q.Abstractor })
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = q.OpenOnly, NpgsqlDbType = NpgsqlDbType.Boolean });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.Search ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return cmd;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

public static class WorklistEndpoint
{
    public static void MapWorklists(this IEndpointRouteBuilder app) =>
        app.MapGet("/worklists", async (string? status, string? facility, string? abstractor, string? search, int? page, int? pageSize, IMediator m, HttpContext http,
                CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (status is not null && !GetWorklistHandler.Statuses.Contains(status))
                    errors["status"] = [$"Status is one of {string.Join(", ", GetWorklistHandler.Statuses)}."];
                if (page is < 1) errors["page"] = ["Pages start at 1."];
                if (pageSize is < 1 or > 500) errors["pageSize"] = ["Page size is 1 to 500."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                var list = await m.Send(new GetWorklist(Blank(status), Blank(facility), Blank(abstractor), page ?? 1, pageSize ?? 50) { Search = Blank(search) }, ct);
                Security.Audit.PhiAuditMiddleware.Listed(http, list.Cases.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
                return Results.Ok(list);
            })
            .WithName("GetWorklist").WithSummary("Cases by status (open, incomplete, failing_edits, completed, duplicate), facility and abstractor; search= a patient id number, accession, date of birth or last name; paged.")
            .Produces<WorklistPage>().ProducesValidationProblem();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
