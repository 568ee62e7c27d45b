using TumorRegistry.Incidence.Geography;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Tests;

public class GeographyTests
{
    internal static readonly CountyMap Map = CountyMap.Load();

    /// <summary>A synthetic New Mexico (FIPS 35) with counties 001-061 odd: 31 of its 33 real counties (not Cibola 006, Los Alamos 028).</summary>
    internal static IncidenceTable NewMexico(int threshold = 16)
    {
        var records = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            StatePostal = "NM", StateFips = "35", Counties = 31, FirstYear = 2016, LastYear = 2020, CountySize = (2_000, 300_000),
        });
        var pop = SeerPopulationFile.ToCells(records);
        var names = new Dictionary<string, string>(Map.CountyNames("35")) { ["35"] = "New Mexico" };
        return IncidenceTableBuilder.Build(new IncidenceTableRequest
        {
            Standard = IncidenceTableTests.Std, FirstYear = 2016, LastYear = 2020, SiteGroups = ["Melanoma of the Skin", "Lung and Bronchus"],
            SuppressionThreshold = threshold, AreaNames = names,
        }, SyntheticCases.Generate(pop), pop);
    }

    [Fact]
    public void Decoded_county_has_the_bounds_of_its_arcs_decoded_independently()
    {
        // Expected bounds from a separate Python decoding of the same file (cumulative deltas x scale + translate).
        var bernalillo = Map.County("35001")!;
        Assert.Equal("Bernalillo", bernalillo.Name);
        var b = MapGeometry.Bounds(bernalillo);
        Assert.Equal(292.7410469193395, b.MinX, 9);
        Assert.Equal(372.64986528811363, b.MinY, 9);
        Assert.Equal(311.2075099187921, b.MaxX, 9);
        Assert.Equal(382.75885638986756, b.MaxY, 9);
        var la = MapGeometry.Bounds(Map.County("06037")!); // MultiPolygon: mainland plus two Channel Islands
        Assert.Equal(3, Map.County("06037")!.Rings.Count);
        Assert.Equal(74.05711098134721, la.MinX, 9);
        Assert.Equal(390.13135606595586, la.MaxY, 9);
        Assert.Equal(3142, Map.Counties.Count);
        Assert.Equal(33, Map.CountiesOf("35").Count);
    }

    [Fact]
    public void Svg_path_closes_every_ring_and_centroid_lies_inside_the_bounds()
    {
        var f = Map.County("35001")!;
        var path = MapGeometry.SvgPath(f);
        Assert.StartsWith("M", path);
        Assert.Equal(f.Rings.Count, path.Count(ch => ch == 'Z'));
        Assert.Equal(f.Rings.Sum(r => r.Count), path.Count(ch => ch is 'M' or 'L'));
        // Stitched rings are closed: the last arc ends where the first began.
        Assert.All(f.Rings, r => Assert.Equal(r[0], r[^1]));
        var c = MapGeometry.Centroid(f);
        var b = MapGeometry.Bounds(f);
        Assert.InRange(c.X, b.MinX, b.MaxX);
        Assert.InRange(c.Y, b.MinY, b.MaxY);
    }

    [Fact]
    public void Quantile_classes_split_values_evenly_and_merge_ties()
    {
        var k = RateClasses.Quantiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5);
        Assert.Equal([2.0, 4, 6, 8, 10], k.UpperBounds);
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], Enumerable.Range(1, 10).Select(v => k.ClassOf(v)));
        Assert.Equal(1, k.LowerOf(0));
        Assert.Equal(8, k.LowerOf(4));
        var ties = RateClasses.Quantiles([5, 5, 5, 5, 9], 5);
        Assert.Equal([5.0, 9], ties.UpperBounds);
        Assert.Equal(0, ties.ClassOf(5));
        Assert.Equal(1, ties.ClassOf(9));
    }

    [Fact]
    public void Every_table_output_carries_the_county_names()
    {
        var table = NewMexico();
        var csv = new StringWriter();
        IncidenceCsvWriter.Write(csv, table);
        var json = IncidenceJsonWriter.ToJson(table);
        var html = IncidenceHtmlWriter.ToHtml(table, "NM", Map);
        Assert.Contains("35001,Bernalillo,", csv.ToString());
        Assert.Contains("\"areaName\": \"Bernalillo\"", json);
        Assert.Contains("<td>Bernalillo</td><td>35001</td>", html);
        Assert.Contains("<td>Do\u00f1a Ana</td>", System.Net.WebUtility.HtmlDecode(html));
    }
}
