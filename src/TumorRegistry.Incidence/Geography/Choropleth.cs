using System.Globalization;
using System.Net;
using System.Text;

namespace TumorRegistry.Incidence.Geography;

/// <summary>One area's value on the map; suppressed areas are hatched and show no value.</summary>
public sealed record ChoroplethArea(string Fips, string Name, double? Value, bool Suppressed);

/// <summary>
/// SVG choropleth of one state's counties: quantile classes on a sequential palette (ColorBrewer Blues), a legend,
/// suppressed counties hatched, counties without a value grey, the state outline on top.
/// </summary>
public static class Choropleth
{
    static readonly string[] Palette = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
    const double MapWidth = 560, MaxMapHeight = 480, Margin = 10, LegendWidth = 300;

    /// <summary>The SVG document; <paramref name="areas"/> carry the names and values shown.</summary>
    public static string ToSvg(CountyMap map, string stateFips, IReadOnlyList<ChoroplethArea> areas, string title, string valueLabel,
        string suppressedLabel = "Suppressed")
    {
        var counties = map.CountiesOf(stateFips);
        var outline = map.State(stateFips);
        var bounds = MapBounds.Of(counties.SelectMany(c => c.Rings.SelectMany(r => r)));
        double scale = Math.Min(MapWidth / bounds.Width, MaxMapHeight / bounds.Height);
        double height = Math.Max(bounds.Height * scale, 200) + 2 * Margin + 30;
        var byFips = areas.ToDictionary(a => a.Fips, StringComparer.Ordinal);
        var classes = RateClasses.Quantiles(areas.Where(a => !a.Suppressed && a.Value is not null).Select(a => a.Value!.Value), Palette.Length);
        var colours = Palette.Skip(Palette.Length - classes.Count).ToArray();

        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"choropleth\" width=\"{MapWidth + LegendWidth + 2 * Margin:0}\" height=\"{height:0}\" font-family=\"sans-serif\" font-size=\"12\">\n"))
          .Append("<defs><pattern id=\"hatch-").Append(stateFips).Append("\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">")
          .Append("<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#777\" stroke-width=\"2\"/></pattern></defs>\n")
          .Append("<text x=\"").Append(Margin).Append("\" y=\"18\" font-weight=\"bold\">").Append(E(title)).Append("</text>\n")
          .Append(Inv($"<g class=\"counties\" transform=\"translate({Margin + 0:0.##},{Margin + 30:0.##}) scale({scale:0.#####}) translate({-bounds.MinX:0.##},{-bounds.MinY:0.##})\">\n"));
        foreach (var c in counties)
        {
            byFips.TryGetValue(c.Id, out var a);
            string name = a?.Name ?? c.Name, cls, fill, tip;
            if (a is { Suppressed: true }) { cls = "county suppressed"; fill = $"url(#hatch-{stateFips})"; tip = $"{name} ({c.Id}): {suppressedLabel.ToLowerInvariant()}"; }
            else if (a?.Value is double v) { int k = classes.ClassOf(v); cls = $"county class-{k}"; fill = colours[k]; tip = $"{name} ({c.Id}): {Num(v)}"; }
            else { cls = "county no-data"; fill = "#d9d9d9"; tip = $"{name} ({c.Id}): no data"; }
            sb.Append("<path class=\"").Append(cls).Append("\" data-fips=\"").Append(c.Id).Append("\" data-name=\"").Append(E(name))
              .Append("\" fill=\"").Append(fill).Append("\" stroke=\"#fff\" stroke-width=\"0.5\" vector-effect=\"non-scaling-stroke\" fill-rule=\"evenodd\" d=\"")
              .Append(MapGeometry.SvgPath(c)).Append("\"><title>").Append(E(tip)).Append("</title></path>\n");
        }
        if (outline is not null)
            sb.Append("<path class=\"state-outline\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\" vector-effect=\"non-scaling-stroke\" d=\"")
              .Append(MapGeometry.SvgPath(outline)).Append("\"/>\n");
        sb.Append("</g>\n");
        Legend(sb, classes, colours, stateFips, valueLabel, suppressedLabel, areas.Any(a => a.Suppressed));
        return sb.Append("</svg>\n").ToString();
    }

    static void Legend(StringBuilder sb, RateClasses classes, string[] colours, string stateFips, string valueLabel, string suppressedLabel, bool anySuppressed)
    {
        double x = Margin + MapWidth + Margin, y = 50;
        sb.Append(Inv($"<g class=\"legend\" transform=\"translate({x:0.##},{y:0.##})\">\n<text x=\"0\" y=\"0\" font-weight=\"bold\">{E(valueLabel)}</text>\n"));
        int row = 0;
        for (int j = classes.Count - 1; j >= 0; j--, row++)
            sb.Append(Inv($"<g class=\"legend-class\"><rect x=\"0\" y=\"{12 + row * 20}\" width=\"18\" height=\"14\" fill=\"{colours[j]}\" stroke=\"#999\"/>"))
              .Append(Inv($"<text x=\"24\" y=\"{24 + row * 20}\">{Num(classes.LowerOf(j))} – {Num(classes.UpperBounds[j])}</text></g>\n"));
        if (anySuppressed)
            sb.Append(Inv($"<g class=\"legend-suppressed\"><rect x=\"0\" y=\"{12 + row * 20}\" width=\"18\" height=\"14\" fill=\"url(#hatch-{stateFips})\" stroke=\"#999\"/>"))
              .Append(Inv($"<text x=\"24\" y=\"{24 + row * 20}\">{E(suppressedLabel)}</text></g>\n"));
        sb.Append("</g>\n");
    }

    static string Num(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    static string E(string s) => WebUtility.HtmlEncode(s);
}
