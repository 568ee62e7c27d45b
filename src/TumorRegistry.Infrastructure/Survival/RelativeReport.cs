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
        var (curves, excluded, missing) = RegistrySurvival.Relative(usable, request.Rules, table, request.Method, request.Confidence, request.Level);
        var exclusions = excluded.GroupBy(e => e.Reason.ToString()).ToDictionary(g => g.Key, g => g.Count());
        if (missing.Count > 0) exclusions[MissingAgeOrSex] = missing.Count;

        if (request.Format == "csv")
            return Attach(exclusions, cases.Count, new("text/csv", Write(w =>
            {
                w.WriteLine("method,group,time,n_risk,n_event,survival,std_err_log,lower,upper");
                foreach (var c in curves)
                    foreach (var line in Write(x => SurvivalCsv.WriteRelative(x, c)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                        w.WriteLine(line.TrimEnd('\r'));
            })));

        var array = new JsonArray();
        foreach (var c in curves) array.Add(JsonNode.Parse(SurvivalJson.Write(c)));
        return Attach(exclusions, cases.Count, Json(request, cases.Count, new JsonObject
        {
            ["title"] = request.Title, ["method"] = request.Method.ToString(), ["lifeTable"] = request.LifeTable, ["timeUnit"] = "days",
            ["confidenceType"] = request.Confidence.ToString(), ["confidenceLevel"] = request.Level,
            ["curves"] = array, ["exclusions"] = Exclusions(exclusions),
        }));
    }
}
