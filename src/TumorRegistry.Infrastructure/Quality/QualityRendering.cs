using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TumorRegistry.Domain.Quality;

namespace TumorRegistry.Infrastructure.Quality;

/// <summary>The indicators as JSON or as an HTML report with a pass/fail mark against each threshold (web API and CLI).</summary>
public static class QualityRendering
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static (string ContentType, string Text) Render(QualityResult result, string format) => format == "html"
        ? ("text/html; charset=utf-8", Html(result))
        : ("application/json; charset=utf-8", JsonSerializer.Serialize(result, Json));

    public static string Html(QualityResult q)
    {
        var years = q.FirstYear == q.LastYear ? $"{q.FirstYear}" : $"{q.FirstYear}-{q.LastYear}";
        var title = $"Data quality indicators, diagnosis year {years}";
        var standards = q.Registry.Indicators.SelectMany(i => i.Marks).Select(m => (m.Standard, m.Label)).Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
          .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #999;padding:2px 6px}")
          .Append("td.n{text-align:right}td.pass{background:#dfd}td.fail{background:#fdd}td.none{color:#777}</style></head><body>\n")
          .Append("<h1>").Append(E(title)).Append("</h1>\n<p>")
          .Append(E($"{q.Registry.Records:N0} records (cases marked as duplicates left out), as of {q.AsOf:yyyy-MM-dd HH:mm} UTC. "))
          .Append(E(q.Expected.Missing is { } why ? $"No expected count: {why}." :
              $"Expected count: reference rates {q.Expected.Rates} applied to the population '{q.Expected.Population}' of {q.Expected.State}."))
          .Append("</p>\n<table><caption>The registry</caption>\n<thead><tr><th>Indicator</th><th>Value</th><th>Count</th><th>Of</th>");
        foreach (var s in standards) sb.Append("<th>").Append(E(s.Label)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var i in q.Registry.Indicators)
        {
            sb.Append("<tr><td>").Append(E(i.Label)).Append("</td><td class=\"n\">").Append(E(Value(i))).Append("</td><td class=\"n\">");
            // Every number opens its list (completeness's numerator is the counted cases: no list).
            if (i.Id != QualityIndicators.Completeness && QualityIndicators.ListOf(i.Id, []) is not null)
                sb.Append("<a href=\"").Append(E($"/quality/cases?indicator={i.Id}&from={q.FirstYear}&to={q.LastYear}")).Append("\">")
                  .Append(E(ListCount(i, q.Registry.Records))).Append("</a>");
            else sb.Append(E(ListCount(i, q.Registry.Records)));
            sb.Append("</td><td class=\"n\">").Append(E(i.Denominator is { } d ? d.ToString(i.Id == QualityIndicators.Completeness ? "N1" : "N0", CultureInfo.InvariantCulture) : "–"))
              .Append("</td>");
            foreach (var s in standards)
                sb.Append(i.Marks.FirstOrDefault(m => m.Standard == s.Standard) is { } m ? Mark(m) : "<td class=\"none\"></td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");
        if (q.Facilities.Count > 0)
        {
            var ids = q.Registry.Indicators.Where(i => i.Id != QualityIndicators.Completeness).ToList();
            sb.Append("<table><caption>By reporting facility (a mark: every standard met, or the standards missed)</caption>\n<thead><tr><th>Facility</th><th>Records</th>");
            foreach (var i in ids) sb.Append("<th>").Append(E(i.Label)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var f in q.Facilities)
            {
                sb.Append("<tr><td>").Append(E(f.Facility)).Append("</td><td class=\"n\">").Append(f.Report.Records.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
                foreach (var id in ids.Select(i => i.Id))
                {
                    var v = f.Report[id];
                    var missed = v.Marks.Where(m => m.Pass == false).Select(m => m.Label).ToList();
                    var cls = v.Value is null ? "none" : missed.Count == 0 ? "pass" : "fail";
                    // The facility's own list, for the manager to hand out.
                    sb.Append("<td class=\"n ").Append(cls).Append("\"><a href=\"")
                      .Append(E($"/quality/cases?indicator={id}&from={q.FirstYear}&to={q.LastYear}&facility={f.Facility}")).Append("\">")
                      .Append(E(Value(v))).Append("</a>")
                      .Append(E(cls == "pass" ? " ✔" : cls == "fail" ? " ✘ " + string.Join(", ", missed) : "")).Append("</td>");
                }
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
        sb.Append("<p>Thresholds: NAACCR registry certification (Gold, Silver) and the NPCR data quality standards, ")
          .Append("from data/reference/quality/thresholds.csv; definitions in docs/data-quality.md. Duplicates are exact duplicates only.</p>\n")
          .Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The trend as an HTML table: an indicator per row, a diagnosis year per column, each cell marked ✔ when it
    /// meets every standard, ✘ with the standards it misses, nothing when there is nothing to judge.</summary>
    public static string TrendHtml(IReadOnlyList<QualityYear> trend)
    {
        var title = trend.Count == 0 ? "Data quality trend" : $"Data quality trend, diagnosis years {trend[0].Year}-{trend[^1].Year}";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
          .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 6px}")
          .Append("td.n{text-align:right}td.pass{background:#dfd}td.fail{background:#fdd}td.none{color:#777}</style></head><body>\n")
          .Append("<h1>").Append(E(title)).Append("</h1>\n<table>\n<thead><tr><th>Indicator</th>");
        foreach (var y in trend) sb.Append("<th>").Append(y.Year).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n<tr><td>Records</td>");
        foreach (var y in trend) sb.Append("<td class=\"n\">").Append(y.Report.Records.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
        sb.Append("</tr>\n");
        foreach (var indicator in trend.Count == 0 ? [] : trend[0].Report.Indicators)
        {
            sb.Append("<tr><td>").Append(E(indicator.Label)).Append("</td>");
            foreach (var y in trend)
            {
                var v = y.Report[indicator.Id];
                var missed = v.Marks.Where(m => m.Pass == false).Select(m => m.Label).ToList();
                var cls = v.Value is null ? "none" : missed.Count == 0 ? "pass" : "fail";
                sb.Append("<td class=\"n ").Append(cls).Append('"').Append(missed.Count > 0 ? $" title=\"{E("misses " + string.Join(", ", missed))}\"" : "")
                  .Append('>').Append(E(Value(v))).Append(cls == "pass" ? " ✔" : cls == "fail" ? " ✘" : "").Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n<p>✔: meets every standard's threshold; ✘: misses at least one (hover for which).</p>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>How many records the indicator's list holds (passing edits and timeliness list the records that fall short).</summary>
    public static int Listed(IndicatorValue i, int records) =>
        i.Id == QualityIndicators.PassingEdits || i.Months is not null ? records - i.Numerator : i.Numerator;

    private static string ListCount(IndicatorValue i, int records) => i.Id == QualityIndicators.PassingEdits || i.Months is not null
        ? $"{i.Numerator:N0} ({Listed(i, records):N0} short)"
        : i.Numerator.ToString("N0", CultureInfo.InvariantCulture);

    public static string Value(IndicatorValue i) => i.Value is not { } v ? "–"
        : i.Unit == "per-1000" ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ‰" : v.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Mark(IndicatorMark m) => m.Pass switch
    {
        true => $"<td class=\"pass\">✔ pass ({E(m.Threshold)})</td>",
        false => $"<td class=\"fail\">✘ fail ({E(m.Threshold)})</td>",
        null => $"<td class=\"none\">– ({E(m.Threshold)})</td>",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
