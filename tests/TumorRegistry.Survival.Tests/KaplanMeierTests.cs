using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Tests;

/// <summary>Kaplan-Meier, Greenwood SE, three CI types and quantiles against R survival 3.5.3 (fixtures/make-fixtures.R).</summary>
public class KaplanMeierTests
{
    const double Tol = 1e-6;

    internal static (double[] Time, bool[] Dead, Fixture Data) Load(string dataset)
    {
        var f = Fixture.Read(dataset + ".csv");
        return (f.Numbers("time"), f.Numbers("status").Select(s => s == 1).ToArray(), f);
    }

    [Theory]
    [InlineData("lung", null, "km_lung.csv")]
    [InlineData("lung", "sex", "km_lung_sex.csv")]
    [InlineData("veteran", null, "km_veteran.csv")]
    [InlineData("veteran", "celltype", "km_veteran_celltype.csv")]
    public void Curve_matches_survfit(string dataset, string? groupColumn, string fixture)
    {
        var (time, dead, data) = Load(dataset);
        var curves = groupColumn is null
            ? [KaplanMeier.Fit(time, dead)]
            : KaplanMeier.FitByGroup(time, dead, data.Strings(groupColumn));
        var r = Fixture.Read(fixture);
        int checkedRows = 0;
        foreach (var curve in curves)
        {
            var rows = r.Where("group", curve.Group).ToList();
            Assert.Equal(rows.Count, curve.Time.Length);
            var (llLo, llHi) = curve.Band(ConfidenceType.LogLog);
            var (plLo, plHi) = curve.Band(ConfidenceType.Plain);
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                string at = $"{fixture} {curve.Group} t={curve.Time[i]}";
                Assert.Equal(r.Num(row, "time"), curve.Time[i]);
                Assert.Equal((int)r.Num(row, "n_risk"), curve.AtRisk[i]);
                Assert.Equal((int)r.Num(row, "n_event"), curve.Events[i]);
                Assert.Equal((int)r.Num(row, "n_censor"), curve.Censored[i]);
                Near.Equal(r.Num(row, "surv"), curve.Survival[i], Tol, at + " surv");
                Near.Equal(r.Num(row, "std_err"), curve.StdErrLog[i], Tol, at + " std.err");
                Near.Equal(r.Num(row, "lower_log"), curve.Lower[i], Tol, at + " lower log");
                Near.Equal(r.Num(row, "upper_log"), curve.Upper[i], Tol, at + " upper log");
                Near.Equal(r.Num(row, "lower_loglog"), llLo[i], Tol, at + " lower log-log");
                Near.Equal(r.Num(row, "upper_loglog"), llHi[i], Tol, at + " upper log-log");
                Near.Equal(r.Num(row, "lower_plain"), plLo[i], Tol, at + " lower plain");
                Near.Equal(r.Num(row, "upper_plain"), plHi[i], Tol, at + " upper plain");
                checkedRows++;
            }
        }
        Assert.Equal(r.Rows.Count, checkedRows);
    }

    [Theory]
    [InlineData("lung", null, "quantiles_lung.csv")]
    [InlineData("lung", "sex", "quantiles_lung_sex.csv")]
    [InlineData("veteran", null, "quantiles_veteran.csv")]
    [InlineData("veteran", "celltype", "quantiles_veteran_celltype.csv")]
    public void Quantiles_and_their_limits_match_quantile_survfit(string dataset, string? groupColumn, string fixture)
    {
        var (time, dead, data) = Load(dataset);
        var r = Fixture.Read(fixture);
        foreach (var (name, type) in new[] { ("log", ConfidenceType.Log), ("loglog", ConfidenceType.LogLog), ("plain", ConfidenceType.Plain) })
        {
            var curves = groupColumn is null
                ? [KaplanMeier.Fit(time, dead, confidenceType: type)]
                : KaplanMeier.FitByGroup(time, dead, data.Strings(groupColumn), type);
            foreach (var row in r.Where("conf_type", name))
            {
                var curve = curves.Single(c => c.Group == row[r.Col("group")]);
                var q = curve.Quantile(r.Num(row, "prob"));
                string at = $"{fixture} {name} {curve.Group} p={q.Probability}";
                Near.Equal(r.Num(row, "quantile"), q.Time, Tol, at + " quantile");
                Near.Equal(r.Num(row, "lower"), q.Lower, Tol, at + " lower");
                Near.Equal(r.Num(row, "upper"), q.Upper, Tol, at + " upper");
            }
        }
    }

    [Fact]
    public void Lung_median_is_310_days_with_log_limits_285_to_363()
    {
        var (time, dead, _) = Load("lung");
        var median = KaplanMeier.Fit(time, dead).Median;
        Assert.Equal(310, median.Time);
        Assert.Equal(285, median.Lower);
        Assert.Equal(363, median.Upper);
    }

    [Fact]
    public void Conditional_survival_matches_survfit_on_those_alive_after_180_days()
    {
        var (time, dead, _) = Load("lung");
        var curve = ConditionalSurvival.Fit(time, dead, 180);
        var r = Fixture.Read("conditional_lung_180.csv");
        Assert.Equal(r.Rows.Count, curve.Time.Length);
        var rt = r.Numbers("time"); var rs = r.Numbers("surv"); var rse = r.Numbers("std_err");
        var rlo = r.Numbers("lower"); var rhi = r.Numbers("upper");
        for (int i = 0; i < rt.Length; i++)
        {
            Assert.Equal(rt[i], curve.Time[i]);
            Near.Equal(rs[i], curve.Survival[i], Tol, "conditional surv");
            Near.Equal(rse[i], curve.StdErrLog[i], Tol, "conditional se");
            Near.Equal(rlo[i], curve.Lower[i], Tol, "conditional lower");
            Near.Equal(rhi[i], curve.Upper[i], Tol, "conditional upper");
        }
        // S(180 + 365 | 180) equals S(545)/S(180) from the unconditional curve.
        var full = KaplanMeier.Fit(time, dead);
        var one = ConditionalSurvival.Estimate(time, dead, 180, 365);
        Near.Equal(full.SurvivalAt(545) / full.SurvivalAt(180), one.Survival, 1e-12, "ratio");
    }
}
