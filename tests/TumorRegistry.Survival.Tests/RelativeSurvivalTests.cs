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

/// <summary>Population life table CSV loading and lookup rules.</summary>
public class PopulationLifeTableTests
{
    const string ByRace = "age,year,sex,race,qx\n" +
        "0,2000,1,W,0.1\n1,2000,1,W,0.2\n0,2000,1,B,0.3\n1,2000,1,B,0.4\n" +
        "0,2010,1,W,0.5\n1,2010,1,W,0.6\n0,2010,1,B,0.7\n1,2010,1,B,0.8\n";

    static double Days(int y, int m, int d) => new DateOnly(y, m, d).DayNumber - new DateOnly(1960, 1, 1).DayNumber;

    [Fact]
    public void Lookup_uses_race_latest_table_year_and_clamps_age()
    {
        var table = PopulationLifeTable.Load(new StringReader(ByRace));
        Assert.True(table.ByRace);
        Assert.Equal([2000, 2010], table.Years);
        int black = table.Stratum("1", "B");
        double age1 = 1.2 * PopulationLifeTable.DaysPerYear;
        double Rate(double q) => -Math.Log(1 - q) / PopulationLifeTable.DaysPerYear;
        Assert.Equal(Rate(0.4), table.DailyHazard(black, age1, Days(2009, 12, 31)), 15);
        Assert.Equal(Rate(0.8), table.DailyHazard(black, age1, Days(2010, 1, 1)), 15);
        Assert.Equal(Rate(0.8), table.DailyHazard(black, 90 * PopulationLifeTable.DaysPerYear, Days(2030, 1, 1)), 15);
        Assert.Equal(Rate(0.3), table.DailyHazard(black, 0, Days(1990, 1, 1)), 15); // before the first year: first
        Assert.Throws<KeyNotFoundException>(() => table.Stratum("2", "W"));
    }

    [Fact]
    public void Missing_cells_are_rejected()
    {
        var incomplete = "age,year,sex,qx\n0,2000,1,0.1\n1,2000,1,0.2\n0,2001,1,0.1\n";
        Assert.Throws<FormatException>(() => PopulationLifeTable.Load(new StringReader(incomplete)));
    }
}
