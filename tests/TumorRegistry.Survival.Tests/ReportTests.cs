using System.Text.Json;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Survival.Tests;

/// <summary>Analyst CSV entry point and the JSON, CSV, SVG and HTML renderings.</summary>
public class ReportTests
{
    internal static SurvivalReport LungBySex()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "fixtures", "lung.csv"));
        return CsvSurvivalAnalysis.Analyse(reader, new CsvAnalysisOptions { GroupColumn = "sex", Title = "Lung cancer survival by sex" });
    }

    [Fact]
    public void Csv_analysis_fits_each_group_and_the_log_rank_test()
    {
        var report = LungBySex();
        Assert.Equal(["1", "2"], report.Curves.Select(c => c.Group));
        Assert.Equal([138, 90], report.Curves.Select(c => c.N));
        Assert.Equal(10.3267419548856, report.LogRank!.ChiSquare, 9);
        Assert.Empty(report.Exclusions);
    }

    [Fact]
    public void Unusable_rows_are_counted_not_dropped()
    {
        var csv = "time,status,group\n10,1,a\n-1,1,a\n20,x,b\n30,0,\n40,0,b\n5,dead,b\n";
        var report = CsvSurvivalAnalysis.Analyse(new StringReader(csv));
        Assert.Equal(3, report.Curves.Sum(c => c.N));
        Assert.Equal(1, report.Exclusions["Missing or negative time"]);
        Assert.Equal(1, report.Exclusions["Missing or unrecognised status"]);
        Assert.Equal(1, report.Exclusions["Missing group"]);
    }

    [Fact]
    public void Json_carries_curves_quantiles_test_and_nulls_for_NA()
    {
        using var doc = JsonDocument.Parse(SurvivalJson.Write(LungBySex()));
        var root = doc.RootElement;
        var male = root.GetProperty("curves")[0];
        Assert.Equal("1", male.GetProperty("group").GetString());
        var median = male.GetProperty("quantiles").EnumerateArray().Single(q => q.GetProperty("probability").GetDouble() == 0.5);
        Assert.Equal(270, median.GetProperty("time").GetDouble());
        var female = root.GetProperty("curves")[1];
        Assert.Equal(JsonValueKind.Null, female.GetProperty("quantiles")[2].GetProperty("upper").ValueKind); // R: NA
        Assert.Equal(1, root.GetProperty("logRank").GetProperty("degreesOfFreedom").GetInt32());
        Assert.Equal(138, male.GetProperty("table")[0].GetProperty("nRisk").GetInt32());
    }

    [Fact]
    public void Csv_tables_have_one_row_per_time()
    {
        var report = LungBySex();
        var w = new StringWriter();
        SurvivalCsv.WriteCurves(w, report.Curves);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,time,n_risk,n_event,n_censor,survival,std_err_survival,lower,upper", lines[0]);
        Assert.Equal(1 + report.Curves.Sum(c => c.Time.Length), lines.Length);
        Assert.StartsWith("1,11,138,3,0,0.97826", lines[1]);
    }

    [Fact]
    public void Svg_has_curves_bands_censor_marks_legend_and_risk_table()
    {
        var report = LungBySex();
        var svg = SurvivalPlot.Svg(report);
        var doc = System.Xml.Linq.XDocument.Parse(svg);
        var all = doc.Descendants().ToList();
        Assert.Equal(2, all.Count(e => (string?)e.Attribute("class") == "curve"));
        Assert.True(all.Count(e => (string?)e.Attribute("class") == "band") >= 2);
        Assert.Equal(2, all.Count(e => (string?)e.Attribute("class") == "censor"));
        Assert.Single(all, e => (string?)e.Attribute("class") == "legend");
        var risk = all.Where(e => (string?)e.Attribute("class") == "risk").Select(e => e.Value).ToList();
        Assert.Equal("138", risk[0]); // males at time 0
        Assert.Equal(SurvivalPlot.AtRisk(report.Curves[0], 200).ToString(), risk[1]);
    }

    [Theory]
    [InlineData(1022, new double[] { 0, 200, 400, 600, 800, 1000, 1200 })]
    [InlineData(60, new double[] { 0, 10, 20, 30, 40, 50, 60 })]
    public void Axis_ticks_are_round_numbers(double max, double[] expected) => Assert.Equal(expected, SurvivalPlot.NiceTicks(max));
}

/// <summary>JSON and CSV of life tables and relative survival.</summary>
public class OtherOutputTests
{
    [Fact]
    public void Life_table_and_relative_curve_render_as_json_and_csv()
    {
        double[] months = [3, 5, 8, 14, 20, 30, 30];
        bool[] dead = [true, true, false, true, false, false, false];
        var table = TumorRegistry.Survival.Estimation.ActuarialLifeTable.Build(months, dead, 12);
        using var doc = JsonDocument.Parse(SurvivalJson.Write(table));
        var first = doc.RootElement.GetProperty("intervals")[0];
        Assert.Equal(6.5, first.GetProperty("effectiveAtRisk").GetDouble());
        var w = new StringWriter();
        SurvivalCsv.WriteLifeTable(w, table);
        Assert.Equal(4, w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var subjects = new[] { new TumorRegistry.Survival.Relative.RelativeSurvivalSubject(100, true, 70, "1", new DateOnly(2000, 1, 1)) };
        var lt = TumorRegistry.Survival.Relative.PopulationLifeTable.LoadFile(Path.Combine(AppContext.BaseDirectory, "fixtures", "slopop.csv"));
        var curve = TumorRegistry.Survival.Relative.RelativeSurvival.Estimate(subjects, lt, TumorRegistry.Survival.Relative.NetSurvivalMethod.PoharPerme);
        using var rel = JsonDocument.Parse(SurvivalJson.Write(curve));
        Assert.Equal("PoharPerme", rel.RootElement.GetProperty("method").GetString());
        Assert.Equal(100, rel.RootElement.GetProperty("table")[0].GetProperty("time").GetDouble());
        // The one patient died: net survival is only what population mortality explains (100 days at age 70).
        double s = rel.RootElement.GetProperty("table")[0].GetProperty("survival").GetDouble();
        Assert.InRange(s, 0.001, 0.02);
    }

    [Fact]
    public void A_vanishing_p_value_is_printed_as_a_bound_not_as_zero()
    {
        // 200 early deaths against 200 late deaths: chi-square in the hundreds, p far below 1e-4.
        var time = Enumerable.Range(1, 400).Select(i => i <= 200 ? (double)i : 1000 + i).ToArray();
        var dead = Enumerable.Repeat(true, 400).ToArray();
        var group = Enumerable.Range(1, 400).Select(i => i <= 200 ? "early" : "late").ToArray();
        var html = HtmlReport.Render(SurvivalReport.FromData("Bound", time, dead, group));
        Assert.Contains("p < 0.0001", html);
        Assert.DoesNotContain("p = 0<", html);
    }
}
