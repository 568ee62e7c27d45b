using TumorRegistry.Api.Security;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp;

public sealed record FacilityFollowUpRates(string? ReportingFacility, FollowUpRate SinceReferenceYear, FollowUpRate LastFiveYears);

public sealed record FollowUpRatesReport(DateOnly AsOf, int ReferenceYear, FollowUpRate SinceReferenceYear, FollowUpRate LastFiveYears,
    IReadOnlyList<FacilityFollowUpRates> Facilities);

/// <summary>The CoC follow-up rates (80% since the reference year, 90% for the last five years), for the registry and by facility.</summary>
public static class FollowUpRatesEndpoint
{
    public static void MapFollowUpRates(this IEndpointRouteBuilder app) =>
        app.MapGet("/rates", async (string? asOf, string? referenceYear, HttpContext http, FollowUpReader reader, TimeProvider clock, FollowUpRules rules,
                CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var at = p.AsOf(asOf);
                var year = p.ReferenceYear(referenceYear, at);
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                return Results.Ok(await ComputeAsync(reader, http.User, at, year, rules, ct));
            })
            .WithName("GetFollowUpRates")
            .WithSummary("CoC follow-up rates as of a date: since the reference year (standard 80%) and the last five years (90%), by facility.")
            .Produces<FollowUpRatesReport>().ProducesValidationProblem();

    /// <summary>The rates as the registry stood at the end of the as-of day (UTC): only what had been recorded by then.</summary>
    public static void MapFollowUpRatesAsRecorded(this IEndpointRouteBuilder app) =>
        app.MapGet("/rates/as-recorded", async (string? asOf, string? referenceYear, HttpContext http, FollowUpAsRecorded history,
                TimeProvider clock, FollowUpRules rules, CancellationToken ct) =>
            {
                var p = new FollowUpParameters(clock);
                var at = p.AsOf(asOf);
                var year = p.ReferenceYear(referenceYear, at);
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var end = new DateTimeOffset(at.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
                var rows = (await history.AnalyticCasesAsync(end, ct)).Where(r => http.User.Holds(r.ReportingFacility));
                return Results.Ok(Report(rows.Select(r => (r.ReportingFacility, r.Case)), at, year, rules));
            })
            .WithName("GetFollowUpRatesAsRecorded")
            .WithSummary("CoC follow-up rates as the registry stood at the end of the as-of day (events recorded by then), for the registry and by facility.")
            .Produces<FollowUpRatesReport>().ProducesValidationProblem();

    /// <summary>The rates of the facilities the principal holds (the endpoint and the manager's page).</summary>
    public static async Task<FollowUpRatesReport> ComputeAsync(FollowUpReader reader, System.Security.Claims.ClaimsPrincipal user, DateOnly at,
        int year, FollowUpRules rules, CancellationToken ct)
    {
        // A manager of some facilities sees their facilities, and "the registry" is those facilities together.
        var rows = (await reader.AnalyticCasesAsync(null, ct)).Where(r => user.Holds(r.ReportingFacility));
        return Report(rows.Select(r => (r.ReportingFacility, r.Case)), at, year, rules);
    }

    private static FollowUpRatesReport Report(IEnumerable<(string? Facility, FollowUpCase Case)> cases, DateOnly at, int year, FollowUpRules rules)
    {
        var rows = cases.ToList();
        var registry = FollowUpRates.Compute(rows.Select(r => r.Case), at, year, rules);
        var facilities = rows.GroupBy(r => r.Facility).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Rates: FollowUpRates.Compute(g.Select(r => r.Case), at, year, rules)))
            .Select(f => new FacilityFollowUpRates(f.Key, f.Rates.SinceReferenceYear, f.Rates.LastFiveYears))
            .ToList();
        return new FollowUpRatesReport(at, year, registry.SinceReferenceYear, registry.LastFiveYears, facilities);
    }
}
