using System.Globalization;
using System.Net;
using System.Text;

namespace TumorRegistry.Survival.Reporting;

/// <summary>A self-contained HTML page: survival plot (inline SVG), summary, quantiles, log-rank, exclusions, full tables.</summary>
public static class HtmlReport
{
    /// <summary>Renders the report as one HTML document with no external resources.</summary>
    public static string Render(SurvivalReport report, PlotOptions? plot = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append($"<title>{E(report.Title)}</title><style>");
        sb.Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}");
        sb.Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child{text-align:left}");
        sb.Append("</style></head><body>\n");
        sb.Append($"<h1>{E(report.Title)}</h1>\n<figure id=\"plot\">{SurvivalPlot.Svg(report, plot)}</figure>\n");

        sb.Append("<h2>Summary</h2>\n<table id=\"summary\"><tr><th>Group</th><th>N</th><th>Deaths</th><th>Censored</th>");
        foreach (var p in report.QuantileProbabilities) sb.Append($"<th>{QuantileName(p)} ({E(report.TimeUnit)}) [{Pct(report.Curves[0].ConfidenceLevel)} CI]</th>");
        sb.Append("</tr>\n");
        foreach (var c in report.Curves)
        {
            sb.Append($"<tr><td>{E(c.Group)}</td><td>{c.N}</td><td>{c.TotalEvents}</td><td>{c.N - c.TotalEvents}</td>");
            foreach (var p in report.QuantileProbabilities)
            {
                var q = c.Quantile(p);
                sb.Append($"<td>{N(q.Time)} [{N(q.Lower)}, {N(q.Upper)}]</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");

        if (report.LogRank is { } lr)
        {
            sb.Append($"<h2>Log-rank test{(lr.Stratified ? " (stratified)" : "")}</h2>\n<table id=\"logrank\"><tr><th>Group</th><th>N</th><th>Observed</th><th>Expected</th><th>O/E</th></tr>\n");
            foreach (var g in lr.Groups)
                sb.Append($"<tr><td>{E(g.Group)}</td><td>{g.N}</td><td>{N(g.Observed)}</td><td>{N(g.Expected)}</td><td>{N(g.Observed / g.Expected)}</td></tr>\n");
            sb.Append($"</table>\n<p>Chi-square = {N(lr.ChiSquare)} on {lr.DegreesOfFreedom} df, {PValue(lr.PValue)}</p>\n");
        }

        sb.Append("<h2>Excluded cases</h2>\n<table id=\"exclusions\"><tr><th>Reason</th><th>Cases</th></tr>\n");
        foreach (var (reason, count) in report.Exclusions) sb.Append($"<tr><td>{E(reason)}</td><td>{count}</td></tr>\n");
        sb.Append($"<tr><td>Total excluded</td><td>{report.Exclusions.Values.Sum()}</td></tr></table>\n");

        foreach (var c in report.Curves)
        {
            sb.Append($"<details><summary>Survival table: {E(c.Group)}</summary>\n<table class=\"km-table\"><tr><th>Time</th><th>At risk</th><th>Deaths</th><th>Censored</th><th>Survival</th><th>Std. error</th><th>Lower</th><th>Upper</th></tr>\n");
            for (int i = 0; i < c.Time.Length; i++)
                sb.Append($"<tr><td>{N(c.Time[i])}</td><td>{c.AtRisk[i]}</td><td>{c.Events[i]}</td><td>{c.Censored[i]}</td><td>{N(c.Survival[i])}</td><td>{N(c.StdErr(i))}</td><td>{N(c.Lower[i])}</td><td>{N(c.Upper[i])}</td></tr>\n");
            sb.Append("</table></details>\n");
        }
        sb.Append($"<p><small>Kaplan-Meier with Greenwood variance, {CiName(report)} confidence intervals; quantiles as R survival's quantile.survfit. See docs/statistics.md.</small></p>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    static string CiName(SurvivalReport r) => r.Curves.Count == 0 ? "" : r.Curves[0].ConfidenceType.ToString().ToLowerInvariant();
    static string QuantileName(double p) => p == 0.5 ? "Median" : $"{Pct(p)} died";
    static string Pct(double p) => (p * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    static string N(double v) => double.IsNaN(v) ? "NA" : Math.Round(v, 4).ToString(CultureInfo.InvariantCulture);
    static string E(string s) => WebUtility.HtmlEncode(s);

    // A p-value too small to print as a number is reported as a bound, never as "p = 0".
    static string PValue(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + p.ToString("G4", CultureInfo.InvariantCulture);
}
