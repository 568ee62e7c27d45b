using TumorRegistry.Api.Security;
using TumorRegistry.Infrastructure.Quality;

namespace TumorRegistry.Api.Quality;

/// <summary>GET /quality?year=2023 (or from/to), state, format=json|html: the indicators with a mark against every threshold.</summary>
public static class QualityIndicatorsEndpoint
{
    public static void MapQualityIndicators(this IEndpointRouteBuilder app) =>
        app.MapGet("", async (string? year, string? from, string? to, string? state, string? format, HttpContext http, RegistryQuality quality,
                TimeProvider clock, CancellationToken ct) =>
            {
                var p = new QualityParameters(clock);
                var (first, last) = p.Years(year, from, to);
                var (st, fmt) = (p.State(state), p.Format(format));
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var result = await quality.BuildAsync(first, last, st, QualityModule.Holds(http), http.User.HoldsAllFacilities(), ct);
                var (contentType, text) = QualityRendering.Render(result, fmt);
                return Results.Text(text, contentType);
            })
            .WithName("GetQuality")
            .WithSummary("Data quality indicators for diagnosis years (completeness, DCO, duplicates, unknowns, edits, timeliness), registry and by facility, with NAACCR and NPCR pass/fail marks; json or html.")
            .Produces<QualityResult>().ProducesValidationProblem();

    public static void MapQualityTrend(this IEndpointRouteBuilder app) =>
        app.MapGet("/trend", async (string? to, string? years, string? state, string? format, HttpContext http, RegistryQuality quality,
                TimeProvider clock, CancellationToken ct) =>
            {
                var p = new QualityParameters(clock);
                var last = string.IsNullOrWhiteSpace(to) ? clock.GetUtcNow().Year - 1 : p.Year("to", to);
                var (n, st, fmt) = (p.Count("years", years, 10, 30), p.State(state), p.Format(format));
                if (p.Errors.Count > 0) return Results.ValidationProblem(p.Errors);
                var trend = await quality.TrendAsync(last, n, st, QualityModule.Holds(http), http.User.HoldsAllFacilities(), ct);
                return fmt == "html" ? Results.Text(QualityRendering.TrendHtml(trend), "text/html; charset=utf-8") : Results.Ok(trend);
            })
            .WithName("GetQualityTrend")
            .WithSummary("The registry's indicators per diagnosis year over the last ten years (to: last year, default last year; years: 1-30; format json or html).")
            .Produces<List<QualityYear>>().ProducesValidationProblem();
}
