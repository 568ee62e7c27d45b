using System.Globalization;
using System.Net;
using System.Text;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Output;

/// <summary>Horizontal SVG bar chart of age-adjusted rates by area for one site group, with interval whiskers.</summary>
public static class IncidenceBarChart
{
    const int RowHeight = 22, LabelWidth = 200, PlotWidth = 420, Top = 40, Right = 60;

    /// <summary>
    /// SVG for <paramref name="siteGroup"/> (one sex, race and period: defaults both sexes, all races, first period).
    /// Suppressed areas get no bar, only "*".
    /// </summary>
    public static string ToSvg(IncidenceTable table, string siteGroup, string sex = IncidenceTable.BothSexes,
        string raceEthnicity = RaceEthnicity.AllRaces, string? period = null)
    {
        var rows = table.Rows.Where(r => r.SiteGroup == siteGroup && r.Sex == sex && r.RaceEthnicity == raceEthnicity).ToList();
        period ??= rows.FirstOrDefault()?.Period;
        rows = rows.Where(r => r.Period == period).ToList();
        double max = rows.Select(r => r.Interval?.Upper is double u && !double.IsInfinity(u) ? u : r.AgeAdjustedRate ?? 0).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 1;
        int height = Top + rows.Count * RowHeight + 30;
        int width = LabelWidth + PlotWidth + Right;
        string X(double v) => (LabelWidth + v / max * PlotWidth).ToString("0.#", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{E($"{siteGroup}: age-adjusted rate per {table.Request.PerPopulation:N0}, {sex}, {raceEthnicity}, {period}")}</text>\n");
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            int y = Top + i * RowHeight;
            string weight = r.IsAreaTotal ? " font-weight=\"bold\"" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\"{weight}>{E(r.AreaName)}</text>\n");
            if (r.Suppression != SuppressionMark.None || r.AgeAdjustedRate is not double rate)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 4}\" y=\"{y + 15}\">*</text>\n");
                continue;
            }
            string fill = r.IsAreaTotal ? "#1f4e79" : "#5b9bd5";
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{(rate / max * PlotWidth).ToString("0.#", CultureInfo.InvariantCulture)}\" height=\"{RowHeight - 6}\" fill=\"{fill}\"><title>{E(IncidenceFormat.Rate(rate))}</title></rect>\n");
            if (r.Interval is { } ci && !double.IsInfinity(ci.Upper))
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(ci.Lower)}\" x2=\"{X(ci.Upper)}\" y1=\"{y + 11}\" y2=\"{y + 11}\" stroke=\"#000\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(r.Interval?.Upper is double u && !double.IsInfinity(u) ? u : rate)}\" dx=\"4\" y=\"{y + 15}\">{E(IncidenceFormat.Rate(rate))}</text>\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{height - 8}\" font-size=\"10\">{E(table.SuppressionNote)}</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
