using System.Globalization;
using System.Text;

namespace TumorRegistry.Incidence.Geography;

/// <summary>Axis-aligned bounds in map units.</summary>
public readonly record struct MapBounds(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>Width.</summary>
    public double Width => MaxX - MinX;
    /// <summary>Height.</summary>
    public double Height => MaxY - MinY;

    /// <summary>Bounds of the points.</summary>
    public static MapBounds Of(IEnumerable<MapPoint> points)
    {
        double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
        foreach (var p in points) { x0 = Math.Min(x0, p.X); y0 = Math.Min(y0, p.Y); x1 = Math.Max(x1, p.X); y1 = Math.Max(y1, p.Y); }
        return new MapBounds(x0, y0, x1, y1);
    }
}

/// <summary>SVG path data, bounds and centroid of a feature (pure functions of its rings).</summary>
public static class MapGeometry
{
    /// <summary>Bounds of every ring.</summary>
    public static MapBounds Bounds(MapFeature f) => MapBounds.Of(f.Rings.SelectMany(r => r));

    /// <summary>"M x,y L ... Z" per ring, two decimals (a hundredth of a pixel in the 975x610 Albers frame).</summary>
    public static string SvgPath(MapFeature f)
    {
        var sb = new StringBuilder();
        foreach (var ring in f.Rings)
        {
            for (int i = 0; i < ring.Count; i++)
                sb.Append(i == 0 ? 'M' : 'L').Append(ring[i].X.ToString("0.##", CultureInfo.InvariantCulture)).Append(',')
                  .Append(ring[i].Y.ToString("0.##", CultureInfo.InvariantCulture));
            sb.Append('Z');
        }
        return sb.ToString();
    }

    /// <summary>Area-weighted centroid over all rings (holes wind the other way, so they subtract); bounds centre if degenerate.</summary>
    public static MapPoint Centroid(MapFeature f)
    {
        double a = 0, cx = 0, cy = 0;
        foreach (var ring in f.Rings)
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                double cross = ring[j].X * ring[i].Y - ring[i].X * ring[j].Y;
                a += cross; cx += (ring[j].X + ring[i].X) * cross; cy += (ring[j].Y + ring[i].Y) * cross;
            }
        if (Math.Abs(a) < 1e-12) { var b = Bounds(f); return new MapPoint((b.MinX + b.MaxX) / 2, (b.MinY + b.MaxY) / 2); }
        return new MapPoint(cx / (3 * a), cy / (3 * a));
    }
}
