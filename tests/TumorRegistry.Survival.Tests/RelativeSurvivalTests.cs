using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;

namespace TumorRegistry.Survival.Tests;

/// <summary>Ederer II and Pohar Perme against relsurv 2.2.9 rs.surv on rdata with slopop (fixtures/make-fixtures.R); they agree to 1e-8, tighter than the 1e-4 asked.</summary>
public class RelativeSurvivalTests
{
    static PopulationLifeTable Slopop() => PopulationLifeTable.LoadFile(Path.Combine(AppContext.BaseDirectory, "fixtures", "slopop.csv"));

    static List<RelativeSurvivalSubject> Rdata()
    {
        var f = Fixture.Read("rdata.csv");
        return f.Rows.Select(r => new RelativeSurvivalSubject(
            f.Num(r, "time"), f.Num(r, "cens") == 1, f.Num(r, "age"), r[f.Col("sex")],
            DateOnly.Parse(r[f.Col("diagnosis_date")], System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    [Theory]
    [InlineData(NetSurvivalMethod.EdererII, "relsurv_ederer2.csv")]
    [InlineData(NetSurvivalMethod.PoharPerme, "relsurv_pohar_perme.csv")]
    public void Matches_rs_surv(NetSurvivalMethod method, string fixture)
    {
        var curve = RelativeSurvival.Estimate(Rdata(), Slopop(), method);
        var r = Fixture.Read(fixture);
        var t = r.Numbers("time"); var s = r.Numbers("surv"); var se = r.Numbers("std_err");
        var nr = r.Numbers("n_risk"); var ne = r.Numbers("n_event"); var lo = r.Numbers("lower"); var hi = r.Numbers("upper");
        Assert.Equal(t.Length, curve.Time.Length);
        for (int i = 0; i < t.Length; i++)
        {
            string at = $"{method} t={t[i]}";
            Assert.Equal(t[i], curve.Time[i]);
            Assert.Equal((int)nr[i], curve.AtRisk[i]);
            Assert.Equal((int)ne[i], curve.Events[i]);
            Near.Equal(s[i], curve.Survival[i], 1e-8, at + " surv");
            Near.Equal(se[i], curve.StdErrLog[i], 1e-8, at + " se");
            Near.Equal(lo[i], curve.Lower[i], 1e-8, at + " lower");
            Near.Equal(hi[i], curve.Upper[i], 1e-8, at + " upper");
        }
    }

    [Fact]
    public void Years_after_the_last_table_year_use_the_last()
    {
        var table = Slopop();
        int stratum = table.Stratum("1");
        double age70 = 70.5 * PopulationLifeTable.DaysPerYear;
        double in2020 = new DateOnly(2020, 6, 1).DayNumber - new DateOnly(1960, 1, 1).DayNumber;
        double in2035 = new DateOnly(2035, 6, 1).DayNumber - new DateOnly(1960, 1, 1).DayNumber;
        Assert.Equal(table.DailyHazard(stratum, age70, in2020), table.DailyHazard(stratum, age70, in2035));
        Assert.True(table.DailyHazard(stratum, age70, in2020) > 0);
    }
}
