using System.Net;
using System.Text;
using TumorRegistry.Incidence.Geography;
using TumorRegistry.Incidence.Tables;
using static TumorRegistry.Incidence.Output.IncidenceFormat;

namespace TumorRegistry.Incidence.Output;

/// <summary>
/// Writes an incidence table as an HTML page laid out like State Cancer Profiles: one table per
/// site group, sex, race and period, with area, FIPS, age-adjusted rate and interval, average annual
/// count, recent trend and APC. Suppressed cells show "*" and a footnote. Given a map, a county table also gets
/// a choropleth per site group (all races, both sexes or the site's sex, the widest period) before its tables.
/// </summary>
public static class IncidenceHtmlWriter
{
    /// <summary>The complete HTML document.</summary>
    public static string ToHtml(IncidenceTable table, string title = "Cancer incidence rates", CountyMap? map = null)
    {
        var q = table.Request;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
          .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #999;padding:2px 6px}")
          .Append("td.n{text-align:right}tr.total{font-weight:bold}caption{text-align:left;font-weight:bold;padding:4px 0}</style></head><body>\n")
          .Append("<h1>").Append(E(title)).Append("</h1>\n");
        string interval = q.IntervalMethod == RateIntervalMethod.Tiwari ? "Tiwari et al. (2006) modified gamma" : "Fay-Feuer gamma";
        sb.Append("<p>Rates per ").Append(E(q.PerPopulation.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))).Append(", age-adjusted to the ").Append(E(q.Standard.Name))
          .Append("; ").Append(E(Count(q.ConfidenceLevel * 100))).Append("% confidence intervals: ").Append(E(interval)).Append(".</p>\n");
        var maps = map is null ? [] : IncidenceChoropleth.MappedBlocks(table).ToDictionary(b => b.Site);
        foreach (var group in table.Rows.GroupBy(r => (r.SiteGroup, r.Sex, r.RaceEthnicity, r.Period)))
        {
            if (maps.Remove(group.Key.SiteGroup, out var block) && IncidenceChoropleth.ToSvg(table, map!, block.Site, block.Sex, period: block.Period) is { } svg)
                sb.Append("<figure class=\"map\">").Append(svg).Append("</figure>\n");
            sb.Append("<table><caption>").Append(E($"{group.Key.SiteGroup}, {group.Key.Sex}, {group.Key.RaceEthnicity}, {group.Key.Period}"))
              .Append("</caption>\n<thead><tr><th>Area</th><th>FIPS</th><th>Age-adjusted rate</th><th>Lower CI</th><th>Upper CI</th>")
              .Append("<th>Average annual count</th><th>Recent trend</th><th>Annual percent change (CI)</th></tr></thead>\n<tbody>\n");
            foreach (var r in group)
            {
                bool hidden = r.Suppression != SuppressionMark.None;
                string Cell(string text) => hidden ? SuppressedMark : text;
                sb.Append(r.IsAreaTotal ? "<tr class=\"total\">" : "<tr>")
                  .Append("<td>").Append(E(r.AreaName)).Append("</td><td>").Append(E(r.AreaFips)).Append("</td>")
                  .Append("<td class=\"n\">").Append(E(Cell(Rate(r.AgeAdjustedRate)))).Append("</td>")
                  .Append("<td class=\"n\">").Append(E(Cell(Rate(r.Interval?.Lower)))).Append("</td>")
                  .Append("<td class=\"n\">").Append(E(Cell(Rate(r.Interval?.Upper)))).Append("</td>")
                  .Append("<td class=\"n\">").Append(E(Cell(Count(r.AverageAnnualCount)))).Append("</td>")
                  .Append("<td>").Append(E(Cell(TrendWord(r)))).Append("</td>")
                  .Append("<td class=\"n\">").Append(E(Cell(Trend(r)))).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
        sb.Append("<p>").Append(E(table.SuppressionNote)).Append("</p>\n</body></html>\n");
        return sb.ToString();
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
