using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp;

public sealed record DueCase(Guid PatientId, string? PatientIdNumber, Guid CaseId, string? ReportingFacility, string? DateOfLastContact,
    DateOnly? DueOn, int? MonthsSinceContact, string? NextFollowUpSource, bool Lost);

public sealed record DueListPage(DateOnly AsOf, string? Facility, int Page, int PageSize, int Total, IReadOnlyList<DueCase> Cases);

/// <summary>Living patients of analytic, non-duplicate, not excluded (CoC) cases whose yearly follow-up is due, longest without contact first.</summary>
public static class DueList
{
    public static async Task<IReadOnlyList<(FollowUpRow Row, DueCase Due)>> ReadAsync(FollowUpReader reader, DateOnly asOf, string? facility,
        FollowUpRules rules, CancellationToken ct) =>
        (await reader.AnalyticCasesAsync(facility, ct))
            .Where(r => r.Case.IsDueAsOf(asOf, rules))
            .Select(r => (r, new DueCase(r.PatientId, r.PatientIdNumber, r.CaseId, r.ReportingFacility, r.Case.DateOfLastContact,
                r.Case.DueOn, r.Case.MonthsSinceContact(asOf), r.NextFollowUpSource, r.Case.IsLostAsOf(asOf))))
            .OrderBy(d => d.Item2.DueOn ?? DateOnly.MinValue).ThenBy(d => d.Item2.PatientIdNumber, StringComparer.Ordinal)
            .ThenBy(d => d.Item2.CaseId)
            .ToList();

    public static void MapDueList(this IEndpointRouteBuilder app) =>
        app.MapGet("/due", async (string? asOf, string? facility, int? page, int? pageSize, FollowUpReader reader, TimeProvider clock,
                FollowUpRules rules, HttpContext http, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var at = p.AsOf(asOf);
                var (number, size) = (p.Page(page), p.PageSize(pageSize));
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var due = await ReadAsync(reader, at, FollowUpParameters.Blank(facility), rules, ct);
                var cases = due.Skip((number - 1) * size).Take(size).Select(d => d.Due).ToList();
                Security.Audit.PhiAuditMiddleware.Listed(http, cases.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
                return Results.Ok(new DueListPage(at, FollowUpParameters.Blank(facility), number, size, due.Count, cases));
            })
            .WithName("GetFollowUpDue")
            .WithSummary("Analytic cases of living patients whose yearly follow-up is due as of a date (default today), with the lost-to-follow-up flag; paged, by facility.")
            .Produces<DueListPage>().ProducesValidationProblem();
}
