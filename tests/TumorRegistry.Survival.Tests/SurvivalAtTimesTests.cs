using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Survival.Tests;

/// <summary>The analyst CSV path with mapped columns and event codes against R summary(survfit, times=) on survival::pbc.</summary>
public class SurvivalAtTimesTests
{
    static readonly double[] Times = [365, 730, 1825, 3650, 4500, 5000];

    internal static CsvAnalysisOptions PbcOptions(ConfidenceType type, double level) => new()
    {
        TimeColumn = "days", StatusColumn = "outcome", EventCodes = ["2"], CensorCodes = ["0", "1"],
        GroupColumn = "arm", GroupRequired = true, ConfidenceType = type, ConfidenceLevel = level,
    };

    static SurvivalReport Pbc(ConfidenceType type, double level)
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "fixtures", "pbc.csv"));
        return CsvSurvivalAnalysis.Analyse(reader, PbcOptions(type, level));
    }

    [Theory]
    [InlineData("log", ConfidenceType.Log)]
    [InlineData("log-log", ConfidenceType.LogLog)]
    [InlineData("plain", ConfidenceType.Plain)]
    public void Table_at_chosen_times_matches_R_summary_survfit(string rType, ConfidenceType type)
    {
        var r = Fixture.Read("summary_times_pbc.csv");
        foreach (var level in new[] { 0.95, 0.9 })
        {
            var report = Pbc(type, level);
            Assert.Equal(106, report.Exclusions["Missing group"]); // not randomised (arm NA), as R drops them
            var actual = report.Curves.SelectMany(c => SurvivalAtTimes.Table(c, Times)).ToList();
            var expected = r.Rows.Where(x => x[r.Col("conf_type")] == rType && Math.Abs(r.Num(x, "conf_level") - level) < 1e-9).ToList();
            Assert.Equal(10, expected.Count); // 5000 is after the last follow-up: left out, as R does
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                var (e, a) = (expected[i], actual[i]);
                string what = $"{rType} {level} arm {a.Group} t={a.Time}";
                Assert.Equal(e[r.Col("group")], a.Group);
                Assert.Equal(r.Num(e, "time"), a.Time);
                Assert.Equal((int)r.Num(e, "n_risk"), a.AtRisk);
                Assert.Equal((int)r.Num(e, "n_event"), a.Events);
                Assert.Equal((int)r.Num(e, "n_censor"), a.Censored);
                Near.Equal(r.Num(e, "surv"), a.Survival, 1e-6, what + " surv");
                Near.Equal(r.Num(e, "std_err"), a.StdErr, 1e-6, what + " se");
                Near.Equal(r.Num(e, "lower"), a.Lower, 1e-6, what + " lower");
                Near.Equal(r.Num(e, "upper"), a.Upper, 1e-6, what + " upper");
            }
        }
    }

    [Fact]
    public void Unknown_codes_are_excluded_and_missing_named_columns_are_errors()
    {
        var csv = "days,outcome,arm\n10,2,a\n20,1,a\n30,9,b\n40,0,b\n";
        var report = CsvSurvivalAnalysis.Analyse(new StringReader(csv), PbcOptions(ConfidenceType.Log, 0.95) with { CensorCodes = ["0"] });
        // 1 is neither an event nor a censor code here, and 9 is unknown: both rows are excluded, and counted.
        Assert.Equal(2, report.Exclusions["Missing or unrecognised status"]);
        Assert.Equal([1, 1], report.Curves.Select(c => c.N));
        Assert.Equal([1, 0], report.Curves.Select(c => c.TotalEvents));
        var noGroup = Assert.Throws<FormatException>(() => CsvSurvivalAnalysis.Analyse(new StringReader(csv), PbcOptions(ConfidenceType.Log, 0.95) with { GroupColumn = "rx" }));
        Assert.Contains("'rx'", noGroup.Message);
        Assert.Contains("days, outcome, arm", noGroup.Message);
        Assert.Throws<FormatException>(() => CsvSurvivalAnalysis.Analyse(new StringReader(csv), PbcOptions(ConfidenceType.Log, 0.95) with { TimeColumn = "time" }));
        Assert.Throws<FormatException>(() => CsvSurvivalAnalysis.Analyse(new StringReader(csv), PbcOptions(ConfidenceType.Log, 0.95) with { CensorCodes = ["2"] }));
    }
}
