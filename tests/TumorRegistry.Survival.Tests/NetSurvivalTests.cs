using System.Globalization;
using TumorRegistry.Survival.Relative;

namespace TumorRegistry.Survival.Tests;

/// <summary>
/// Net survival on relsurv's colrec (5,971 colorectal cancers) against fixtures/make-net-fixtures.R: exact ages from the
/// dates of birth and diagnosis, ICSS age-standardisation, conditional and period (Brenner) net survival.
/// </summary>
public class NetSurvivalTests
{
    static readonly Lazy<PopulationLifeTable> Slopop = new(() => PopulationLifeTable.LoadFile(Path.Combine(AppContext.BaseDirectory, "fixtures", "slopop.csv")));
    static readonly Lazy<List<RelativeSurvivalSubject>> Colrec = new(() =>
    {
        var f = Fixture.Read("colrec.csv");
        DateOnly D(string[] r, string c) => DateOnly.ParseExact(r[f.Col(c)], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return f.Rows.Select(r => new RelativeSurvivalSubject(f.Num(r, "days"), f.Num(r, "dead") == 1,
            ExactAge.Years(D(r, "birth_date"), D(r, "diagnosis_date"))!.Value, r[f.Col("sex")], D(r, "diagnosis_date"))).ToList();
    });
    static readonly Lazy<RelativeSurvivalCurve> Cohort = new(() => RelativeSurvival.Estimate(Colrec.Value, Slopop.Value, NetSurvivalMethod.PoharPerme));

    [Fact]
    public void Pohar_Perme_with_exact_ages_from_the_dates_matches_rs_surv()
    {
        var r = Fixture.Read("net_colrec_exact_age.csv");
        var t = r.Numbers("time"); var s = r.Numbers("surv"); var se = r.Numbers("std_err"); var nr = r.Numbers("n_risk");
        var curve = Cohort.Value;
        Assert.Equal(t.Length, curve.Time.Length);
        for (int i = 0; i < t.Length; i++)
        {
            Assert.Equal(t[i], curve.Time[i]);
            Assert.Equal((int)nr[i], curve.AtRisk[i]);
            Near.Equal(s[i], curve.Survival[i], 1e-8, $"t={t[i]} surv");
            Near.Equal(se[i], curve.StdErrLog[i], 1e-8, $"t={t[i]} se");
        }
        // Completed years instead of the exact age move five-year net survival by 0.004 here (R agrees; see the fixture).
        var effect = Fixture.Read("net_colrec_age_effect.csv");
        Assert.True(Math.Abs(effect.Numbers("exact_age")[1] - effect.Numbers("whole_years")[1]) > 0.003);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Icss_standardised_net_survival_matches_R(int standard)
    {
        var icss = IcssWeights.LoadShipped();
        var f = Fixture.Read("net_colrec_icss.csv");
        var rows = f.Where("standard", standard.ToString(CultureInfo.InvariantCulture)).ToList();
        var times = rows.Select(r => f.Num(r, "time")).Distinct().ToArray();
        var estimates = StandardisedNetSurvival.Estimate(Colrec.Value, Slopop.Value, icss.Standard(standard), times);
        foreach (var e in estimates)
        {
            foreach (var row in rows.Where(r => f.Num(r, "time") == e.TimeDays))
            {
                var group = row[f.Col("age_group")];
                var (s, se) = group == "standardised" ? (e.Survival, e.StdErrSurvival)
                    : (e.Groups.Single(g => g.AgeGroup == group).Survival, e.Groups.Single(g => g.AgeGroup == group).StdErrSurvival);
                Near.Equal(f.Num(row, "surv"), s, 1e-8, $"ICSS {standard} t={e.TimeDays} {group} surv");
                Near.Equal(f.Num(row, "std_err_surv"), se, 1e-8, $"ICSS {standard} t={e.TimeDays} {group} se");
                if (group != "standardised") Assert.Equal(f.Num(row, "weight"), e.Groups.Single(g => g.AgeGroup == group).Weight);
            }
        }
        Assert.Equal(3 * 6, rows.Count); // three times, five groups and the standardised row
    }

    [Fact]
    public void Icss_standard_follows_the_site()
    {
        var icss = IcssWeights.LoadShipped();
        Assert.Equal(1, icss.StandardFor("21"));   // colon and rectum: incidence rising with age
        Assert.Equal(2, icss.StandardFor("37"));   // melanoma of the skin
        Assert.Equal(3, icss.StandardFor("50"));   // testis
        Assert.Equal(1, icss.StandardFor(["37", "50"])); // mixed sites: standard 1, as for all sites
        Assert.Equal([0.07, 0.12, 0.23, 0.29, 0.29], icss.Standard(1).Select(g => g.Weight));
    }

    [Fact]
    public void Conditional_net_survival_matches_R()
    {
        var f = Fixture.Read("net_colrec_conditional.csv");
        foreach (var row in f.Rows)
        {
            var c = ConditionalNetSurvival.From(Cohort.Value, f.Num(row, "survived"), f.Num(row, "additional"));
            Near.Equal(f.Num(row, "surv"), c.Survival, 1e-8, $"{row[0]}+{row[1]} surv");
            Near.Equal(f.Num(row, "std_err_log"), c.StdErrLog, 1e-8, $"{row[0]}+{row[1]} se");
        }
    }

    [Fact]
    public void Period_net_survival_2000_2002_matches_R()
    {
        var window = PeriodAnalysis.Window(Colrec.Value, new DateOnly(2000, 1, 1), new DateOnly(2002, 12, 31));
        var curve = RelativeSurvival.Estimate(window, Slopop.Value, NetSurvivalMethod.PoharPerme);
        var r = Fixture.Read("net_colrec_period_2000_2002.csv");
        var t = r.Numbers("time"); var s = r.Numbers("surv"); var se = r.Numbers("std_err"); var nr = r.Numbers("n_risk"); var ne = r.Numbers("n_event");
        Assert.Equal(t.Length, curve.Time.Length);
        for (int i = 0; i < t.Length; i++)
        {
            Assert.Equal(t[i], curve.Time[i]);
            Assert.Equal((int)nr[i], curve.AtRisk[i]);
            Assert.Equal((int)ne[i], curve.Events[i]);
            Near.Equal(s[i], curve.Survival[i], 1e-4, $"t={t[i]} surv");
            Near.Equal(se[i], curve.StdErrLog[i], 1e-4, $"t={t[i]} se");
        }
        // Patients diagnosed 1994-1996 enter late: the window is not the cohort.
        Assert.NotEqual(Cohort.Value.SurvivalAt(1826), curve.SurvivalAt(1826));
    }
}
