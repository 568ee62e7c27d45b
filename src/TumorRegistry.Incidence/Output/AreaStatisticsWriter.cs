using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TumorRegistry.Incidence.Areas;
using TumorRegistry.Incidence.Geography;
using TumorRegistry.Standards.Codes;
using static TumorRegistry.Incidence.Output.IncidenceFormat;

namespace TumorRegistry.Incidence.Output;

/// <summary>
/// County SIRs and scan clusters as CSV, JSON or HTML. A hidden county shows no observed count, SIR, interval or p
/// (each reveals the count, E being public); a cluster with fewer cases than the threshold likewise shows only its
/// counties, expected count and p-value.
/// </summary>
public static class AreaStatisticsWriter
{
    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One CSV row per county and site group; with a scan, a second CSV block of clusters after a blank line.</summary>
    public static string ToCsv(IReadOnlyList<CountyAreaStatistics> all)
    {
        var sb = new StringBuilder("area_fips,area,site_group,sex,period,observed,expected,sir,lower_ci,upper_ci,p_value,suppression\n");
        foreach (var a in all)
            foreach (var (s, mark) in a.Sirs)
            {
                bool hidden = mark != Tables.SuppressionMark.None;
                string V(string text) => hidden ? SuppressedMark : text;
                sb.AppendJoin(',', new[] { s.Fips, s.Name, a.SiteGroup, a.Sex, a.Period, V(s.Observed.ToString(CultureInfo.InvariantCulture)), R(s.Expected),
                    V(R(s.Ratio)), V(R(s.Interval.Lower)), V(R(s.Interval.Upper)), V(R(s.PValue)), hidden ? mark.ToString().ToLowerInvariant() : "" }.Select(Csv.Quote)).Append('\n');
            }
        if (all.Any(a => a.Scan is not null))
        {
            sb.Append("\nsite_group,sex,period,rank,centre_fips,county_fips,counties,observed,expected,relative_risk,log_likelihood_ratio,p_value,replications\n");
            foreach (var a in all.Where(a => a.Scan is not null))
                foreach (var (c, i) in a.Scan!.Clusters.Select((c, i) => (c, i)))
                {
                    bool hidden = c.Observed < a.SuppressionThreshold;
                    string V(string text) => hidden ? SuppressedMark : text;
                    sb.AppendJoin(',', new[] { a.SiteGroup, a.Sex, a.Period, (i + 1).ToString(CultureInfo.InvariantCulture), c.CentreId, string.Join(' ', c.AreaIds),
                        string.Join("; ", c.AreaIds.Select(id => Name(a, id))), V(c.Observed.ToString(CultureInfo.InvariantCulture)), R(c.Expected),
                        V(R(c.RelativeRisk)), V(R(c.LogLikelihoodRatio)), R(c.PValue), a.Scan.Replications.ToString(CultureInfo.InvariantCulture) }.Select(Csv.Quote)).Append('\n');
                }
        }
        return sb.ToString();
    }

    /// <summary>JSON (camelCase, hidden values null).</summary>
    public static string ToJson(IReadOnlyList<CountyAreaStatistics> all) => JsonSerializer.Serialize(all.Select(a => new
    {
        siteGroup = a.SiteGroup, sex = a.Sex, period = a.Period, suppressionThreshold = a.SuppressionThreshold,
        sirs = a.Sirs.Select(x => x.Suppression != Tables.SuppressionMark.None
            ? new { fips = x.Sir.Fips, name = x.Sir.Name, observed = (long?)null, expected = x.Sir.Expected, sir = (double?)null, lowerCi = (double?)null, upperCi = (double?)null, pValue = (double?)null, suppression = x.Suppression.ToString().ToLowerInvariant() }
            : new { fips = x.Sir.Fips, name = x.Sir.Name, observed = (long?)x.Sir.Observed, expected = x.Sir.Expected, sir = Finite(x.Sir.Ratio), lowerCi = Finite(x.Sir.Interval.Lower), upperCi = Finite(x.Sir.Interval.Upper), pValue = (double?)x.Sir.PValue, suppression = "none" }),
        scan = a.Scan is not { } s ? null : new
        {
            replications = s.Replications, model = "Poisson, circular windows, high rates",
            clusters = s.Clusters.Select(c => new
            {
                centreFips = c.CentreId, counties = c.AreaIds.Select(id => new { fips = id, name = Name(a, id) }),
                observed = c.Observed < a.SuppressionThreshold ? (long?)null : c.Observed, expected = c.Expected,
                relativeRisk = c.Observed < a.SuppressionThreshold ? (double?)null : c.RelativeRisk,
                logLikelihoodRatio = c.Observed < a.SuppressionThreshold ? (double?)null : c.LogLikelihoodRatio, pValue = c.PValue,
            }),
        },
    }), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>HTML: per site group an SIR choropleth, the SIR table and the clusters.</summary>
    public static string ToHtml(IReadOnlyList<CountyAreaStatistics> all, string title, CountyMap map, string stateFips)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title))
            .Append("</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #999;padding:2px 6px}td.n{text-align:right}</style></head><body>\n<h1>")
            .Append(E(title)).Append("</h1>\n<p>Standardised incidence ratios (observed / expected at the state's age-specific rates, 19 age groups) with exact Poisson intervals; ")
            .Append("clusters by Kulldorff's circular spatial scan (Poisson model, Monte Carlo p-values).</p>\n");
        foreach (var a in all)
        {
            var areas = a.Sirs.Select(x => new ChoroplethArea(x.Sir.Fips, x.Sir.Name, double.IsFinite(x.Sir.Ratio) ? x.Sir.Ratio : null, x.Suppression != Tables.SuppressionMark.None)).ToList();
            sb.Append("<figure class=\"map\">").Append(Choropleth.ToSvg(map, stateFips, areas, $"{a.SiteGroup}, {a.Sex}, {a.Period}: SIR", "Standardised incidence ratio"))
              .Append("</figure>\n<table class=\"sir\"><caption>").Append(E($"{a.SiteGroup}, {a.Sex}, {a.Period}")).Append("</caption>\n")
              .Append("<thead><tr><th>County</th><th>FIPS</th><th>Observed</th><th>Expected</th><th>SIR</th><th>Lower CI</th><th>Upper CI</th><th>p</th></tr></thead><tbody>\n");
            foreach (var (s, mark) in a.Sirs)
            {
                bool hidden = mark != Tables.SuppressionMark.None;
                string V(string text) => hidden ? SuppressedMark : text;
                sb.Append("<tr><td>").Append(E(s.Name)).Append("</td><td>").Append(s.Fips).Append("</td><td class=\"n\">").Append(V(s.Observed.ToString(CultureInfo.InvariantCulture)))
                  .Append("</td><td class=\"n\">").Append(s.Expected.ToString("0.0", CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(V(F2(s.Ratio)))
                  .Append("</td><td class=\"n\">").Append(V(F2(s.Interval.Lower))).Append("</td><td class=\"n\">").Append(V(F2(s.Interval.Upper)))
                  .Append("</td><td class=\"n\">").Append(V(s.PValue.ToString("0.0000", CultureInfo.InvariantCulture))).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
            if (a.Scan is { } scan)
            {
                sb.Append("<table class=\"clusters\"><caption>").Append(E($"Clusters ({scan.Replications} replications)")).Append("</caption>\n<thead><tr><th>Rank</th><th>Counties</th><th>Observed</th><th>Expected</th><th>Relative risk</th><th>p</th></tr></thead><tbody>\n");
                foreach (var (c, i) in scan.Clusters.Select((c, i) => (c, i)))
                {
                    bool hidden = c.Observed < a.SuppressionThreshold;
                    sb.Append("<tr><td>").Append(i + 1).Append("</td><td>").Append(E(string.Join(", ", c.AreaIds.Select(id => Name(a, id))))).Append("</td><td class=\"n\">")
                      .Append(hidden ? SuppressedMark : c.Observed.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(c.Expected.ToString("0.0", CultureInfo.InvariantCulture))
                      .Append("</td><td class=\"n\">").Append(hidden ? SuppressedMark : F2(c.RelativeRisk)).Append("</td><td class=\"n\">").Append(c.PValue.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
                }
                sb.Append("</tbody></table>\n");
            }
        }
        return sb.Append("</body></html>\n").ToString();
    }

    static double? Finite(double v) => double.IsFinite(v) ? v : null;
    static string F2(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";
    static string Name(CountyAreaStatistics a, string fips) => a.Sirs.FirstOrDefault(s => s.Sir.Fips == fips)?.Sir.Name ?? fips;
    static string E(string s) => WebUtility.HtmlEncode(s);
}
