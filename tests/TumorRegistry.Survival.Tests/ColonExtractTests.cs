using System.Globalization;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Survival.Tests;

/// <summary>
/// The analyst path on survival::colon (deaths, 929 patients; fixtures/make-colon-fixtures.R), a dataset no other test
/// uses, with columns followup_days, vital (dead/alive), treatment, node4: R summary(survfit, times=), quantiles and
/// survdiff (plain and stratified) to 1e-6. And net survival from an extract with birth dates (relsurv's colrec).
/// </summary>
public class ColonExtractTests
{
    internal static CsvAnalysisOptions Options(ConfidenceType type, double level, string? strata = null) => new()
    {
        TimeColumn = "followup_days", StatusColumn = "vital", EventCodes = ["dead"], CensorCodes = ["alive"],
        GroupColumn = "treatment", GroupRequired = true, StrataColumn = strata, ConfidenceType = type, ConfidenceLevel = level,
    };

    static SurvivalReport Colon(ConfidenceType type, double level, string? strata = null)
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "fixtures", "colon.csv"));
        return CsvSurvivalAnalysis.Analyse(reader, Options(type, level, strata));
    }

    [Theory]
    [InlineData("log", ConfidenceType.Log)]
    [InlineData("log-log", ConfidenceType.LogLog)]
    [InlineData("plain", ConfidenceType.Plain)]
    public void Summary_at_chosen_times_matches_R(string rType, ConfidenceType type)
    {
        var r = Fixture.Read("summary_times_colon.csv");
        double[] times = [365, 730, 1095, 1826, 2555, 3000];
        foreach (var level in new[] { 0.95, 0.8 })
        {
            var actual = Colon(type, level).Curves.SelectMany(c => SurvivalAtTimes.Table(c, times)).ToList();
            var expected = r.Rows.Where(x => x[r.Col("conf_type")] == rType && Math.Abs(r.Num(x, "conf_level") - level) < 1e-9).ToList();
            Assert.Equal(18, expected.Count);
            Assert.Equal(expected.Count, actual.Count);
            foreach (var (e, a) in expected.Zip(actual))
            {
                string what = $"{rType} {level} {a.Group} t={a.Time}";
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
    public void Quantiles_and_the_log_rank_test_match_R()
    {
        var report = Colon(ConfidenceType.Log, 0.95);
        var q = Fixture.Read("quantiles_colon.csv");
        foreach (var row in q.Rows)
        {
            var curve = report.Curves.Single(c => c.Group == row[q.Col("group")]);
            var actual = curve.Quantile(q.Num(row, "probability"));
            Near.Equal(q.Num(row, "time"), actual.Time, 1e-6, $"{curve.Group} q{row[1]}");
            Near.Equal(q.Num(row, "lower"), actual.Lower, 1e-6, $"{curve.Group} q{row[1]} lower");
            Near.Equal(q.Num(row, "upper"), actual.Upper, 1e-6, $"{curve.Group} q{row[1]} upper");
        }
        var lr = Fixture.Read("logrank_colon.csv");
        foreach (var (test, rep) in new[] { ("plain", report), ("stratified", Colon(ConfidenceType.Log, 0.95, "node4")) })
        {
            var rows = lr.Where("test", test).ToList();
            Near.Equal(lr.Num(rows[0], "chisq"), rep.LogRank!.ChiSquare, 1e-6, test + " chisq");
            Near.Equal(lr.Num(rows[0], "p"), rep.LogRank.PValue, 1e-6, test + " p");
            Assert.Equal((int)lr.Num(rows[0], "df"), rep.LogRank.DegreesOfFreedom);
            foreach (var row in rows)
            {
                var g = rep.LogRank.Groups.Single(x => x.Group == row[lr.Col("group")]);
                Near.Equal(lr.Num(row, "observed"), g.Observed, 1e-6, test + " O");
                Near.Equal(lr.Num(row, "expected"), g.Expected, 1e-6, test + " E");
            }
        }
    }

    [Fact]
    public void Net_survival_from_an_extract_takes_the_exact_age_from_the_birth_date()
    {
        var table = PopulationLifeTable.LoadFile(Path.Combine(AppContext.BaseDirectory, "fixtures", "slopop.csv"));
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "fixtures", "colrec.csv"));
        var options = new CsvRelativeOptions { TimeColumn = "days", StatusColumn = "dead", BirthDateColumn = "birth_date", SexColumn = "sex",
            DiagnosisDateColumn = "diagnosis_date" };
        var (groups, excluded) = CsvRelativeSurvival.Read(reader, table, options);
        Assert.Empty(excluded);
        var curve = CsvRelativeSurvival.Estimate(groups, table, options).Single();
        var r = Fixture.Read("net_colrec_exact_age.csv");
        var t = r.Numbers("time"); var s = r.Numbers("surv"); var se = r.Numbers("std_err");
        Assert.Equal(t.Length, curve.Time.Length);
        for (int i = 0; i < t.Length; i += 7)
        {
            Near.Equal(s[i], curve.Survival[i], 1e-8, $"t={t[i]}");
            Near.Equal(se[i], curve.StdErrLog[i], 1e-8, $"t={t[i]} se");
        }
        var missing = Assert.Throws<FormatException>(() => CsvRelativeSurvival.Read(new StringReader("days,dead,sex,diagnosis_date\n1,1,1,2000-01-01\n"), table, options));
        Assert.Contains("'birth_date'", missing.Message);
    }
}
