using TumorRegistry.Survival.CauseSpecific;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Survival.Tests;

/// <summary>SEER cause-specific death classification read from the shipped SEER table.</summary>
public class CauseSpecificTests
{
    static readonly CauseSpecificDeathClassification Seer = CauseSpecificDeathClassification.LoadShipped();

    [Theory]
    [InlineData("30", "01", "C349", CauseSpecificStatus.DeadOfThisCancer)] // lung, one of several tumors, lung death
    [InlineData("30", "01", "C34.1", CauseSpecificStatus.DeadOfThisCancer)]
    [InlineData("30", "01", "C780", CauseSpecificStatus.DeadOfThisCancer)] // secondary lung: listed with 4th digit
    [InlineData("30", "01", "C781", CauseSpecificStatus.DeadOfOtherCause)]
    [InlineData("30", "01", "C189", CauseSpecificStatus.DeadOfOtherCause)] // colon cancer death, lung tumor not only
    [InlineData("30", "00", "C189", CauseSpecificStatus.DeadOfThisCancer)] // only tumor: any cancer death counts
    [InlineData("30", "00", "I219", CauseSpecificStatus.DeadOfOtherCause)]
    [InlineData("52", "00", "N18", CauseSpecificStatus.DeadOfThisCancer)]  // kidney, renal failure (row with 5 fields)
    [InlineData("20", "00", "K566", CauseSpecificStatus.DeadOfThisCancer)] // colon, site-related disease
    [InlineData("20", "02", "K566", CauseSpecificStatus.DeadOfThisCancer)]
    [InlineData("39", "01", "N63", CauseSpecificStatus.DeadOfThisCancer)]  // breast
    [InlineData("39", "01", "", CauseSpecificStatus.Unknown)]
    [InlineData("39", "01", "7777", CauseSpecificStatus.Unknown)]
    public void Deaths_are_classified_by_site_sequence_and_cause(string site, string sequence, string cause, CauseSpecificStatus expected)
    {
        Assert.Equal(expected, Seer.Classify(true, site, sequence, cause));
    }

    [Fact]
    public void The_living_are_alive_and_the_table_covers_all_site_recodes()
    {
        Assert.Equal(CauseSpecificStatus.Alive, Seer.Classify(false, "30", "00", null));
        Assert.Equal(82, Seer.SiteRecodes.Count);
    }

    [Fact]
    public void Cause_specific_curve_censors_other_deaths_and_reports_unknown_causes()
    {
        var rules = new SurvivalTimeRules(new DateOnly(2021, 12, 31));
        var cases = new[]
        {
            new SurvivalCase("a", "20150101", "20160101", "0", CauseOfDeath: "C349", SiteRecode: "30", SequenceNumber: "00"),
            new SurvivalCase("b", "20150101", "20170101", "0", CauseOfDeath: "I219", SiteRecode: "30", SequenceNumber: "00"),
            new SurvivalCase("c", "20150101", "20180101", "1", SiteRecode: "30", SequenceNumber: "00"),
            new SurvivalCase("d", "20150101", "20190101", "0", CauseOfDeath: "", SiteRecode: "30", SequenceNumber: "00"),
        };
        var result = CauseSpecificSurvival.Fit(SurvivalTimeCalculator.Derive(cases, rules).Included, Seer);
        Assert.Equal("d", Assert.Single(result.UnknownCauseOfDeath).Case.Id);
        Assert.Equal(3, result.Curve.N);
        Assert.Equal(1, result.Curve.TotalEvents);
        Assert.Equal(2.0 / 3.0, result.Curve.SurvivalAt(100), 12);
    }
}
