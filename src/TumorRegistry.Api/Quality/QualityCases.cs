using TumorRegistry.Api.Security;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.Quality;
using TumorRegistry.Infrastructure.Quality;

namespace TumorRegistry.Api.Quality;

public sealed record QualityCase(Guid CaseId, Guid PatientId, string? PatientIdNumber, string? Facility, string? Abstractor, int DxYear,
    DateTimeOffset FirstReportedAt, IReadOnlyList<string> FailingEdits, Guid? DuplicateOf);

/// <summary>How many of the list each facility and abstractor has: who gets the work.</summary>
public sealed record QualityWorkload(string Facility, string? Abstractor, int Cases);

public sealed record QualityCaseList(string Indicator, int FirstYear, int LastYear, string? Facility, string? Abstractor, int Total,
    IReadOnlyList<QualityWorkload> Workload, IReadOnlyList<QualityCase> Cases);

/// <summary>
/// GET /quality/cases?indicator=dco&amp;year=2023[&amp;facility=][&amp;abstractor=]: the records behind a number (identified,
/// audited): DCO cases, unknown age/sex/race/county, failing records (passing-edits), late reports (timeliness-N),
/// duplicates (with the case they repeat); by facility and abstractor.
/// </summary>
public static class QualityCasesEndpoint
{
    public static void MapQualityCases(this IEndpointRouteBuilder app) =>
        app.MapGet("/cases", async (string? indicator, string? year, string? from, string? to, string? facility, string? abstractor,
                HttpContext http, RegistryQuality quality, TimeProvider clock, CancellationToken ct) =>
            {
                var p = new QualityParameters(clock);
                var (first, last) = p.Years(year, from, to);
                var id = QualityParameters.Blank(indicator);
                var known = id is not null && QualityIndicators.ListOf(id, []) is not null;
                if (!known)
                    p.Errors["indicator"] = [$"indicator is one of dco, duplicates, passing-edits, missing-age, missing-sex, missing-race, missing-county, " +
                        $"timeliness-N (months){(id is null ? "" : $", not {TumorRegistry.Standards.ErrorText.Quote(id)}")}."];
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var (f, a) = (QualityParameters.Blank(facility), QualityParameters.Blank(abstractor));
                var listed = (await quality.ListAsync(id!, first, last, QualityModule.Holds(http), ct))!
                    .Where(x => (f is null || (x.Record.Facility ?? RegistryQuality.NoFacility) == f) && (a is null || x.Record.Abstractor == a)).ToList();
                var cases = listed.Select(x => new QualityCase(x.Record.CaseId, x.Record.PatientId, x.Record.PatientIdNumber, x.Record.Facility,
                    x.Record.Abstractor, x.Record.DxYear, x.Record.FirstReportedAt, x.Record.FailingEdits, x.DuplicateOf)).ToList();
                var workload = cases.GroupBy(c => (Facility: c.Facility ?? RegistryQuality.NoFacility, c.Abstractor))
                    .OrderBy(g => g.Key.Facility, StringComparer.Ordinal).ThenBy(g => g.Key.Abstractor, StringComparer.Ordinal)
                    .Select(g => new QualityWorkload(g.Key.Facility, g.Key.Abstractor, g.Count())).ToList();
                PhiAuditMiddleware.Listed(http, cases.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
                return Results.Ok(new QualityCaseList(id!, first, last, f, a, cases.Count, workload, cases));
            })
            .WithName("GetQualityCases")
            .WithSummary("The cases behind a data quality number (DCO, unknown age/sex/race/county, failing edits, late reports, duplicates), by facility and abstractor.")
            .Produces<QualityCaseList>().ProducesValidationProblem();
}
