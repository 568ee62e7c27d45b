using System.Globalization;
using System.Net;
using System.Text;
using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Reporting;

/// <summary>Layout options for <see cref="SurvivalPlot"/>.</summary>
public sealed record PlotOptions
{
    /// <summary>Overall width in pixels.</summary>
    public int Width { get; init; } = 820;
    /// <summary>Height of the plotting area in pixels (the risk table adds rows below).</summary>
    public int PlotHeight { get; init; } = 380;
    /// <summary>Shade the confidence band.</summary>
    public bool ShowBands { get; init; } = true;
    /// <summary>Mark censoring times with a tick.</summary>
    public bool ShowCensorMarks { get; init; } = true;
    /// <summary>Colours used for successive groups.</summary>
    public IReadOnlyList<string> Palette { get; init; } = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
}

/// <summary>
/// Kaplan-Meier plot as standalone SVG: step curves, shaded confidence bands, censor marks, legend, title, and a
/// number-at-risk table under the time axis. Elements carry classes (curve, band, censor, risk-table, legend) so
/// pages can style or test them.
/// </summary>
public static class SurvivalPlot
{
    const int Left = 100, Right = 20, Top = 50, AxisGap = 45, RiskRow = 20;

    /// <summary>Renders the curves of a report.</summary>
    public static string Svg(SurvivalReport report, PlotOptions? options = null) =>
        Svg(report.Curves, report.Title, report.TimeUnit, options);

    /// <summary>Renders curves with a title and time unit label.</summary>
    public static string Svg(IReadOnlyList<SurvivalCurve> curves, string title, string timeUnit, PlotOptions? options = null)
    {
        var o = options ?? new PlotOptions();
        double maxT = curves.Select(c => c.Time.Length == 0 ? 0 : c.Time[^1]).DefaultIfEmpty(0).Max();
        var ticks = NiceTicks(maxT <= 0 ? 1 : maxT);
        double xMax = ticks[^1];
        int plotW = o.Width - Left - Right;
        int riskTop = Top + o.PlotHeight + AxisGap;
        int height = Math.Max(riskTop + 24 + RiskRow * curves.Count + 10, Top + 20 + 18 * curves.Count);
        // The legend sits right of the plot: inside it, long group names would cover the curves.
        int legendW = 30 + 8 * curves.Select(c => c.Group.Length + 8).DefaultIfEmpty(8).Max();
        int width = o.Width + legendW + 10;
        double X(double t) => Left + t / xMax * plotW;
        double Y(double s) => Top + (1 - s) * o.PlotHeight;

        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"survival-plot\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append($"<title>{Esc(title)}</title>\n");
        sb.Append($"<text class=\"plot-title\" x=\"{o.Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{Esc(title)}</text>\n");

        // Axes, grid and tick labels.
        sb.Append("<g class=\"axes\" stroke=\"#999\" stroke-width=\"1\">\n");
        foreach (var s in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            sb.Append($"<line x1=\"{F(Left)}\" x2=\"{F(Left + plotW)}\" y1=\"{F(Y(s))}\" y2=\"{F(Y(s))}\" stroke=\"#eee\"/>");
            sb.Append($"<text x=\"{F(Left - 8)}\" y=\"{F(Y(s) + 4)}\" text-anchor=\"end\" stroke=\"none\" fill=\"#333\">{s.ToString("0.00", CultureInfo.InvariantCulture)}</text>\n");
        }
        foreach (var t in ticks)
            sb.Append($"<line x1=\"{F(X(t))}\" x2=\"{F(X(t))}\" y1=\"{F(Y(0))}\" y2=\"{F(Y(0) + 5)}\"/><text x=\"{F(X(t))}\" y=\"{F(Y(0) + 18)}\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333\">{F(t)}</text>\n");
        sb.Append($"<line x1=\"{F(Left)}\" x2=\"{F(Left + plotW)}\" y1=\"{F(Y(0))}\" y2=\"{F(Y(0))}\"/><line x1=\"{F(Left)}\" x2=\"{F(Left)}\" y1=\"{F(Y(0))}\" y2=\"{F(Y(1))}\"/>\n");
        sb.Append("</g>\n");
        sb.Append($"<text x=\"{F(Left + plotW / 2.0)}\" y=\"{F(Y(0) + 36)}\" text-anchor=\"middle\">Time ({Esc(timeUnit)})</text>\n");
        sb.Append($"<text transform=\"translate(18 {F(Top + o.PlotHeight / 2.0)}) rotate(-90)\" text-anchor=\"middle\">Survival probability</text>\n");

        for (int k = 0; k < curves.Count; k++)
        {
            var c = curves[k];
            string colour = o.Palette[k % o.Palette.Count];
            if (o.ShowBands)
                foreach (var polygon in BandPolygons(c, X, Y))
                    sb.Append($"<path class=\"band\" data-group=\"{Esc(c.Group)}\" d=\"{polygon}\" fill=\"{colour}\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
            sb.Append($"<path class=\"curve\" data-group=\"{Esc(c.Group)}\" d=\"{StepPath(c, X, Y)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
            if (o.ShowCensorMarks)
            {
                sb.Append($"<g class=\"censor\" data-group=\"{Esc(c.Group)}\" stroke=\"{colour}\" stroke-width=\"1.5\">");
                for (int i = 0; i < c.Time.Length; i++)
                    if (c.Censored[i] > 0)
                        sb.Append($"<line x1=\"{F(X(c.Time[i]))}\" x2=\"{F(X(c.Time[i]))}\" y1=\"{F(Y(c.Survival[i]) - 4)}\" y2=\"{F(Y(c.Survival[i]) + 4)}\"/>");
                sb.Append("</g>\n");
            }
        }

        int lx = Left + plotW + 15, ly = Top;
        sb.Append($"<g class=\"legend\"><rect x=\"{lx}\" y=\"{ly}\" width=\"{legendW}\" height=\"{10 + 18 * curves.Count}\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>");
        for (int k = 0; k < curves.Count; k++)
        {
            int y = ly + 18 + 18 * k;
            sb.Append($"<line x1=\"{lx + 8}\" x2=\"{lx + 28}\" y1=\"{y - 4}\" y2=\"{y - 4}\" stroke=\"{o.Palette[k % o.Palette.Count]}\" stroke-width=\"3\"/>");
            sb.Append($"<text x=\"{lx + 34}\" y=\"{y}\">{Esc(curves[k].Group)} (n={curves[k].N})</text>");
        }
        sb.Append("</g>\n");

        // Number at risk under the axis, one row per group at each tick.
        sb.Append($"<g class=\"risk-table\"><text x=\"{Left - 90}\" y=\"{riskTop}\" font-weight=\"bold\">Number at risk</text>\n");
        for (int k = 0; k < curves.Count; k++)
        {
            int y = riskTop + 20 + RiskRow * k;
            sb.Append($"<text x=\"{F(Left - 30)}\" y=\"{y}\" text-anchor=\"end\" fill=\"{o.Palette[k % o.Palette.Count]}\">{Esc(Short(curves[k].Group))}</text>");
            foreach (var t in ticks)
                sb.Append($"<text class=\"risk\" x=\"{F(X(t))}\" y=\"{y}\" text-anchor=\"middle\">{AtRisk(curves[k], t)}</text>");
            sb.Append('\n');
        }
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    /// <summary>Number still under follow-up at time t (time ≥ t).</summary>
    public static int AtRisk(SurvivalCurve c, double t)
    {
        int i = Array.BinarySearch(c.Time, t);
        i = i >= 0 ? i : ~i;
        return i < c.Time.Length ? c.AtRisk[i] : 0;
    }

    static string StepPath(SurvivalCurve c, Func<double, double> x, Func<double, double> y)
    {
        var sb = new StringBuilder($"M{F(x(0))},{F(y(1))}");
        foreach (var (t, s) in c.Time.Zip(c.Survival))
            sb.Append($"H{F(x(t))}V{F(y(s))}");
        return sb.ToString();
    }

    /// <summary>Polygons of the confidence band; split where limits are undefined (NaN), treated as 1 before any death.</summary>
    static IEnumerable<string> BandPolygons(SurvivalCurve c, Func<double, double> x, Func<double, double> y)
    {
        int n = c.Time.Length;
        var upper = new List<(double X0, double X1, double Y)>();
        var lower = new List<(double X0, double X1, double Y)>();
        double start = 0, lo = 1, hi = 1;
        for (int i = 0; i <= n; i++)
        {
            double end = i < n ? c.Time[i] : c.Time.Length > 0 ? c.Time[^1] : 0;
            if (!double.IsNaN(lo) && !double.IsNaN(hi) && end > start) { upper.Add((start, end, hi)); lower.Add((start, end, lo)); }
            else if ((double.IsNaN(lo) || double.IsNaN(hi)) && upper.Count > 0) { yield return Polygon(upper, lower, x, y); upper.Clear(); lower.Clear(); }
            if (i == n) break;
            start = c.Time[i];
            bool noDeathsYet = c.Survival[i] == 1;
            lo = noDeathsYet ? 1 : c.Lower[i];
            hi = noDeathsYet ? 1 : c.Upper[i];
        }
        if (upper.Count > 0) yield return Polygon(upper, lower, x, y);
    }

    static string Polygon(List<(double X0, double X1, double Y)> upper, List<(double X0, double X1, double Y)> lower,
        Func<double, double> x, Func<double, double> y)
    {
        var sb = new StringBuilder($"M{F(x(upper[0].X0))},{F(y(upper[0].Y))}");
        foreach (var u in upper) sb.Append($"V{F(y(u.Y))}H{F(x(u.X1))}");
        for (int i = lower.Count - 1; i >= 0; i--) sb.Append($"V{F(y(lower[i].Y))}H{F(x(lower[i].X0))}");
        return sb.Append('Z').ToString();
    }

    /// <summary>Round tick values covering 0..max (about 6 ticks).</summary>
    internal static double[] NiceTicks(double max)
    {
        double raw = max / 6;
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        int count = (int)Math.Ceiling(max / step - 1e-9);
        return Enumerable.Range(0, count + 1).Select(i => i * step).ToArray();
    }

    static string Short(string s) => s.Length > 9 ? s[..8] + "…" : s;
    static string F(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);
    static string Esc(string s) => WebUtility.HtmlEncode(s);
}
