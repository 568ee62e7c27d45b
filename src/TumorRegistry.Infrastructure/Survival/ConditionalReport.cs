using System.Text.Json.Nodes;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Reporting;
using TumorRegistry.Survival.Timing;
using static TumorRegistry.Infrastructure.Survival.SurvivalReports;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// Conditional survival per group: the chance of surviving <c>additional</c> more months for patients already alive
/// <c>survived</c> months after diagnosis, the question a survivor asks at a follow-up visit.
/// </summary>
internal static class ConditionalReport
{
    public static RenderedSurvivalReport Render(SurvivalRequest request, IReadOnlyList<SurvivalCase> cases)
    {
        var cohort = SurvivalTimeCalculator.Derive(cases, request.Rules);
        var rows = Groups(cohort.Included).Select(g =>
        {
            var time = g.Select(t => (double)(request.InMonths ? t.Months : t.Days)).ToArray();
            var dead = g.Select(t => t.Dead).ToArray();
            return (Group: g.Key, N: time.Length,
                Estimate: ConditionalSurvival.Estimate(time, dead, request.Survived, request.Additional, request.Confidence, request.Level));
        }).ToList();
        var exclusions = cohort.ExclusionCounts.ToDictionary(p => p.Key.ToString(), p => p.Value);

        if (request.Format == "csv")
            return Attach(exclusions, cases.Count, new("text/csv", Write(w =>
            {
                w.WriteLine("group,n,survived,additional,at_risk_at_start,survival,lower,upper");
                foreach (var r in rows)
                    w.WriteLine(string.Join(',', Csv.Field(r.Group), r.N, Csv.Number(r.Estimate.Survived), Csv.Number(r.Estimate.Additional),
                        r.Estimate.AtRiskAtStart, Csv.Number(r.Estimate.Survival), Csv.Number(r.Estimate.Lower), Csv.Number(r.Estimate.Upper)));
            })));

        var groups = new JsonArray();
        foreach (var r in rows)
            groups.Add(new JsonObject
            {
                ["group"] = r.Group, ["n"] = r.N, ["atRiskAtStart"] = r.Estimate.AtRiskAtStart,
                ["survival"] = Num(r.Estimate.Survival), ["lower"] = Num(r.Estimate.Lower), ["upper"] = Num(r.Estimate.Upper),
            });
        return Attach(exclusions, cases.Count, Json(request, cases.Count, new JsonObject
        {
            ["title"] = request.Title, ["timeUnit"] = request.InMonths ? "months" : "days",
            ["survived"] = request.Survived, ["additional"] = request.Additional,
            ["confidenceType"] = request.Confidence.ToString(), ["confidenceLevel"] = request.Level,
            ["groups"] = groups, ["exclusions"] = Exclusions(exclusions),
        }));
    }

    static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
