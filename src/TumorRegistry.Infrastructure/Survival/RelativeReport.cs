using System.Globalization;
using System.Text.Json.Nodes;
using TumorRegistry.Survival;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Reporting;
using TumorRegistry.Survival.Timing;
using static TumorRegistry.Infrastructure.Survival.SurvivalReports;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// Relative (Ederer II) or net (Pohar Perme) survival per group against a stored population life table, on the day
/// scale. Cases whose age or sex is unknown, or whose sex (and race) the table lacks, are counted, not estimated.
/// </summary>
internal static class RelativeReport
{
    public const string MissingAgeOrSex = "MissingAgeOrSexInLifeTable";
    static readonly Lazy<IcssWeights> Icss = new(IcssWeights.LoadShipped);

    static string N(double v) => double.IsNaN(v) ? "NA" : v.ToString("R", CultureInfo.InvariantCulture);
    static JsonNode? Num(double v) => double.IsNaN(v) || double.IsInfinity(v) ? null : JsonValue.Create(v);

    public static RenderedSurvivalReport Render(SurvivalRequest request, IReadOnlyList<SurvivalCase> cases, PopulationLifeTable table)
    {
        // The library throws on a sex the table lacks; blanking it routes the case to the "missing" count instead.
        var covered = new Dictionary<(string?, string?), bool>();
        bool Covered(SurvivalCase c)
        {
            if (c.Sex is null) return false;
            if (!covered.TryGetValue((c.Sex, c.Race), out var ok))
            {
                try { table.Stratum(c.Sex, c.Race); ok = true; } catch (KeyNotFoundException) { ok = false; }
                covered[(c.Sex, c.Race)] = ok;
            }
            return ok;
        }
        var usable = cases.Select(c => Covered(c) ? c : c with { Sex = null });
        var (groups, excluded, missing) = RegistrySurvival.RelativeSubjects(usable, request.Rules, request.Period);
        var curves = groups.Select(g => RelativeSurvival.Estimate(g.Subjects, table, request.Method, request.Confidence, request.Level, group: g.Group)).ToList();
        var exclusions = excluded.GroupBy(e => e.Reason.ToString()).ToDictionary(g => g.Key, g => g.Count());
        if (missing.Count > 0) exclusions[MissingAgeOrSex] = missing.Count;

        int? standard = request.Icss is { } icss ? (icss == 0 ? Icss.Value.StandardFor(request.Cohort.SiteRecodes) : icss) : null;
        var standardised = standard is { } std
            ? groups.Select(g => (g.Group, Estimates: StandardisedNetSurvival.Estimate(g.Subjects, table, Icss.Value.Standard(std),
                request.TimesDays, request.Method, request.Level))).ToList()
            : null;

        if (request.Format == "csv" && standardised is not null)
            return Attach(exclusions, cases.Count, new("text/csv", Write(w =>
            {
                SurvivalCsv.WriteStandardised(w, standardised);
            })));

        if (request.Format == "csv")
            return Attach(exclusions, cases.Count, new("text/csv", Write(w =>
            {
                w.WriteLine("method,group,time,n_risk,n_event,survival,std_err_log,lower,upper");
                foreach (var c in curves)
                    foreach (var line in Write(x => SurvivalCsv.WriteRelative(x, c)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                        w.WriteLine(line.TrimEnd('\r'));
            })));

        var array = new JsonArray();
        foreach (var c in curves)
        {
            var curve = JsonNode.Parse(SurvivalJson.Write(c))!.AsObject();
            if (request.ConditionalNet)
            {
                double y = request.Survived * SurvivalTimeRules.DaysPerMonth, x = request.Additional * SurvivalTimeRules.DaysPerMonth;
                var k = ConditionalNetSurvival.From(c, y, x, request.Level);
                curve["conditional"] = new JsonObject
                {
                    ["survivedMonths"] = request.Survived, ["additionalMonths"] = request.Additional, ["survivedDays"] = y, ["additionalDays"] = x,
                    ["survival"] = Num(k.Survival), ["stdErrLog"] = Num(k.StdErrLog), ["lower"] = Num(k.Lower), ["upper"] = Num(k.Upper),
                };
            }
            if (standardised?.FirstOrDefault(s => s.Group == c.Group).Estimates is { } estimates)
                curve["standardised"] = new JsonObject
                {
                    ["standard"] = $"ICSS {standard}",
                    ["estimates"] = new JsonArray(estimates.Select(e => (JsonNode)new JsonObject
                    {
                        ["timeDays"] = e.TimeDays, ["survival"] = Num(e.Survival), ["stdErrSurvival"] = Num(e.StdErrSurvival),
                        ["lower"] = Num(e.Lower), ["upper"] = Num(e.Upper),
                        ["ageGroups"] = new JsonArray(e.Groups.Select(a => (JsonNode)new JsonObject
                        {
                            ["ageGroup"] = a.AgeGroup, ["weight"] = a.Weight, ["patients"] = a.Patients,
                            ["survival"] = Num(a.Survival), ["stdErrSurvival"] = Num(a.StdErrSurvival),
                        }).ToArray()),
                    }).ToArray()),
                };
            array.Add(curve);
        }
        var body = new JsonObject
        {
            ["title"] = request.Title, ["method"] = request.Method.ToString(), ["lifeTable"] = request.LifeTable, ["timeUnit"] = "days",
            ["confidenceType"] = request.Confidence.ToString(), ["confidenceLevel"] = request.Level,
            ["curves"] = array, ["exclusions"] = Exclusions(exclusions),
        };
        if (request.Period is { } period)
            body["period"] = new JsonObject { ["from"] = period.From.ToString("yyyy-MM-dd"), ["to"] = period.To.ToString("yyyy-MM-dd") };
        return Attach(exclusions, cases.Count, Json(request, cases.Count, body));
    }
}
