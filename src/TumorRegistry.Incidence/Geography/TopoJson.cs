using System.Text.Json;

namespace TumorRegistry.Incidence.Geography;

/// <summary>A point in the topology's (projected) plane.</summary>
public readonly record struct MapPoint(double X, double Y);

/// <summary>One geometry of a TopoJSON object: its id (FIPS), name and rings (outer rings and holes, closed).</summary>
public sealed record MapFeature(string Id, string Name, IReadOnlyList<IReadOnlyList<MapPoint>> Rings);

/// <summary>
/// Minimal TopoJSON reader (https://github.com/topojson/topojson-specification): quantized, delta-encoded arcs
/// are decoded once, then each Polygon/MultiPolygon ring is stitched from its arcs (~i = arc i reversed).
/// </summary>
public static class TopoJson
{
    /// <summary>Every Polygon/MultiPolygon geometry of the named object (e.g. "counties", "states").</summary>
    public static IReadOnlyList<MapFeature> Read(Stream json, string objectName)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var arcs = DecodeArcs(root);
        var features = new List<MapFeature>();
        foreach (var g in root.GetProperty("objects").GetProperty(objectName).GetProperty("geometries").EnumerateArray())
        {
            var type = g.GetProperty("type").GetString();
            var polygons = type switch
            {
                "Polygon" => [g.GetProperty("arcs")],
                "MultiPolygon" => g.GetProperty("arcs").EnumerateArray().ToList(),
                _ => new List<JsonElement>(),
            };
            var rings = polygons.SelectMany(p => p.EnumerateArray()).Select(r => Ring(r, arcs)).ToList();
            var id = g.TryGetProperty("id", out var i) ? i.ToString() : "";
            var name = g.TryGetProperty("properties", out var p) && p.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            features.Add(new MapFeature(id, name, rings));
        }
        return features;
    }

    static List<MapPoint[]> DecodeArcs(JsonElement root)
    {
        double sx = 1, sy = 1, tx = 0, ty = 0;
        bool quantized = root.TryGetProperty("transform", out var t);
        if (quantized)
        {
            sx = t.GetProperty("scale")[0].GetDouble(); sy = t.GetProperty("scale")[1].GetDouble();
            tx = t.GetProperty("translate")[0].GetDouble(); ty = t.GetProperty("translate")[1].GetDouble();
        }
        var result = new List<MapPoint[]>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new MapPoint[arc.GetArrayLength()];
            double x = 0, y = 0;
            int k = 0;
            foreach (var pos in arc.EnumerateArray())
            {
                double a = pos[0].GetDouble(), b = pos[1].GetDouble();
                // Quantized arcs store each position as a delta from the previous one.
                if (quantized) { x += a; y += b; points[k++] = new MapPoint(x * sx + tx, y * sy + ty); }
                else points[k++] = new MapPoint(a, b);
            }
            result.Add(points);
        }
        return result;
    }

    static MapPoint[] Ring(JsonElement arcIndexes, List<MapPoint[]> arcs)
    {
        var ring = new List<MapPoint>();
        foreach (var e in arcIndexes.EnumerateArray())
        {
            int index = e.GetInt32();
            var arc = index >= 0 ? arcs[index] : arcs[~index].Reverse().ToArray();
            // Consecutive arcs share their joining point: keep it once.
            ring.AddRange(ring.Count == 0 ? arc : arc.Skip(1));
        }
        return [.. ring];
    }
}
