using TumorRegistry.Survival.CauseSpecific;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Survival.Tests;

/// <summary>Registry entry points: survival-time rules, then curves, with exclusions carried into the report.</summary>
public class RegistrySurvivalTests
{
    static readonly SurvivalTimeRules Rules = new(new DateOnly(2021, 12, 31));

    static SurvivalCase[] Cases() =>
    [
        new("1", "20150101", "20160301", "0", "1", "C349", "30", "00", 70, "1", Group: "Distant"),
        new("2", "20150101", "20170101", "0", "1", "I219", "30", "00", 65, "2", Group: "Distant"),
        new("3", "20150101", "20210101", "1", "1", null, "30", "00", 60, "1", Group: "Localized"),
        new("4", "20150101", "20180101", "0", "1", "C341", "30", "01", 75, "2", Group: "Localized"),
        new("5", "20150101", "20190101", "0", "1", "", "30", "00", 80, "1", Group: "Localized"),
        new("6", "20150101", "20150101", "0", "7", "C349", "30", "00", 70, "1", Group: "Distant"),
    ];

    [Fact]
    public void Observed_survival_groups_cases_and_reports_DCO_exclusions()
    {
        var report = RegistrySurvival.Observed(Cases(), Rules);
        Assert.Equal(["Distant", "Localized"], report.Curves.Select(c => c.Group));
        Assert.Equal([2, 3], report.Curves.Select(c => c.N));
        Assert.Equal("months", report.TimeUnit);
        Assert.Equal(1, report.Exclusions["DeathCertificateOnly"]);
        Assert.NotNull(report.LogRank);
        Assert.Equal(13, report.Curves[0].Time[0]); // 2015-01-01 to 2016-03-01: 425 days = 13 months
    }

    [Fact]
    public void Cause_specific_survival_censors_other_deaths_and_reports_unknown_causes()
    {
        var report = RegistrySurvival.CauseSpecific(Cases(), Rules, CauseSpecificDeathClassification.LoadShipped());
        Assert.Equal(1, report.Exclusions["Dead, cause of death unknown"]);
        var distant = report.Curves.Single(c => c.Group == "Distant");
        Assert.Equal(1, distant.TotalEvents); // case 2 died of heart disease: censored
        var localized = report.Curves.Single(c => c.Group == "Localized");
        Assert.Equal(1, localized.TotalEvents);
    }

    [Fact]
    public void Relative_survival_runs_per_group_on_days()
    {
        var table = PopulationLifeTable.LoadFile(Path.Combine(AppContext.BaseDirectory, "fixtures", "slopop.csv"));
        var (curves, excluded, missing) = RegistrySurvival.Relative(Cases(), Rules, table, NetSurvivalMethod.EdererII);
        Assert.Equal(["Distant", "Localized"], curves.Select(c => c.Group));
        Assert.Single(excluded);
        Assert.Empty(missing);
        var distant = curves[0];
        Assert.Equal([425, 731], distant.Time);
        // Relative survival exceeds observed survival (1/2 after the first death) by the expected deaths.
        Assert.True(distant.Survival[0] > 0.5 && distant.Survival[0] < 0.52);
    }
}
