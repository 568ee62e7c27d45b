using System.Text.Json.Nodes;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Reporting;
using TumorRegistry.Survival.Timing;
using static TumorRegistry.Infrastructure.Survival.SurvivalReports;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>Actuarial (Cutler-Ederer) life tables per group on SEER survival months, as SEER*Stat's observed survival.</summary>
internal static class LifeTableReport
{
    public static RenderedSurvivalReport Render(SurvivalRequest request, IReadOnlyList<SurvivalCase> cases)
    {
        var cohort = SurvivalTimeCalculator.Derive(cases, request.Rules);
        var tables = Groups(cohort.Included).Select(g =>
        {
            var months = g.Select(t => (double)t.Months).ToArray();
            var dead = g.Select(t => t.Dead).ToArray();
            return (Group: g.Key, N: months.Length,
                Rows: ActuarialLifeTable.Build(months, dead, request.IntervalMonths, request.Intervals, request.Confidence, request.Level));
        }).ToList();
        var exclusions = cohort.ExclusionCounts.ToDictionary(p => p.Key.ToString(), p => p.Value);

        if (request.Format == "csv")
            return Attach(exclusions, cases.Count, new("text/csv", Write(w =>
            {
                w.WriteLine("group," + "start,end,entering,deaths,withdrawn,effective_at_risk,interval_survival,cumulative_survival,std_err_survival,lower,upper");
                foreach (var t in tables)
                    foreach (var line in Write(x => SurvivalCsv.WriteLifeTable(x, t.Rows)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                        w.WriteLine(Csv.Field(t.Group) + "," + line.TrimEnd('\r'));
            })));

        var groups = new JsonArray();
        foreach (var t in tables)
        {
            var node = JsonNode.Parse(SurvivalJson.Write(t.Rows))!.AsObject();
            groups.Add(new JsonObject { ["group"] = t.Group, ["n"] = t.N, ["intervals"] = node["intervals"]!.DeepClone() });
        }
        return Attach(exclusions, cases.Count, Json(request, cases.Count, new JsonObject
        {
            ["title"] = request.Title, ["timeUnit"] = "months", ["intervalMonths"] = request.IntervalMonths,
            ["confidenceType"] = request.Confidence.ToString(), ["confidenceLevel"] = request.Level,
            ["groups"] = groups, ["exclusions"] = Exclusions(exclusions),
        }));
    }
}
