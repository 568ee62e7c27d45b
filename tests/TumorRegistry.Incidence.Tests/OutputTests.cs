using System.Text.Json;
using System.Xml.Linq;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Tests;

public class OutputTests
{
    static readonly IncidenceTable Table = Build();

    static IncidenceTable Build()
    {
        var (pop, cases) = IncidenceTableTests.Demo(6);
        return IncidenceTableBuilder.Build(new IncidenceTableRequest
        {
            Standard = IncidenceTableTests.Std, FirstYear = 2016, LastYear = 2020, ByRace = true,
            AreaNames = new Dictionary<string, string> { ["97"] = "Synthetic State", ["97001"] = "Alpha County & Co" },
        }, cases, pop);
    }

    [Fact]
    public void Csv_marks_suppressed_cells_with_a_star_and_carries_shown_values()
    {
        var writer = new StringWriter();
        IncidenceCsvWriter.Write(writer, Table);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Table.Rows.Count + 1, lines.Length);
        Assert.StartsWith("area_fips,area,site_group,sex,race_ethnicity,period,population,count,", lines[0]);
        for (int i = 0; i < Table.Rows.Count; i++)
        {
            var row = Table.Rows[i];
            var fields = TumorRegistry.Standards.Codes.Csv.Split(lines[i + 1]);
            Assert.Equal(18, fields.Length);
            if (row.Suppression == SuppressionMark.None) Assert.Equal(row.Count.ToString(), fields[7]);
            else
            {
                Assert.All(fields.Skip(7).Take(10), f => Assert.Equal("*", f));
                Assert.Equal(row.Suppression.ToString().ToLowerInvariant(), fields[17]);
            }
        }
    }

    [Fact]
    public void Json_has_nulls_for_suppressed_cells()
    {
        using var doc = JsonDocument.Parse(IncidenceJsonWriter.ToJson(Table));
        Assert.Equal("2000 US Std Population (19 age groups)", doc.RootElement.GetProperty("standardPopulation").GetString());
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Table.Rows.Count, rows.Count);
        var hidden = rows.First(r => r.GetProperty("suppression").GetString() != "none");
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("count").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("ageAdjustedRate").ValueKind);
        var shown = rows.First(r => r.GetProperty("suppression").GetString() == "none");
        Assert.True(shown.GetProperty("count").GetInt64() >= 16);
        Assert.Equal("Synthetic State", rows[0].GetProperty("areaName").GetString());
    }

    [Fact]
    public void Html_lays_out_state_cancer_profiles_columns_and_escapes_names()
    {
        string html = IncidenceHtmlWriter.ToHtml(Table);
        Assert.Contains("<th>Age-adjusted rate</th>", html);
        Assert.Contains("<th>Average annual count</th>", html);
        Assert.Contains("<th>Recent trend</th>", html);
        Assert.Contains("Alpha County &amp; Co", html);
        Assert.Contains("Tiwari et al. (2006)", html);
        Assert.Contains("fewer than 16 cases", html);
        int tables = Table.Rows.Select(r => (r.SiteGroup, r.Sex, r.RaceEthnicity, r.Period)).Distinct().Count();
        Assert.Equal(tables, html.Split("<table>").Length - 1);
    }

    [Fact]
    public void Svg_bar_chart_is_well_formed_with_one_bar_per_shown_area()
    {
        string svg = IncidenceBarChart.ToSvg(Table, "Lung and Bronchus");
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var shown = Table.Rows.Count(r => r.SiteGroup == "Lung and Bronchus" && r.Sex == IncidenceTable.BothSexes
            && r.RaceEthnicity == RaceEthnicity.AllRaces && r.Suppression == SuppressionMark.None);
        Assert.Equal(shown, doc.Descendants(ns + "rect").Count());
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "Alpha County & Co");
    }
}
