using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Survival.Tests;

/// <summary>SEER survival-time rules: imputation of unknown day/month, cutoff, presumed alive, exclusions.</summary>
public class SurvivalTimeTests
{
    static readonly SurvivalTimeRules Active = new(new DateOnly(2021, 12, 31));
    static readonly SurvivalTimeRules Presumed = new(new DateOnly(2021, 12, 31), FollowUpMethod.PresumedAlive);

    static SurvivalTime Ok(string dx, string lc, string vital = "1", SurvivalTimeRules? rules = null)
    {
        var (time, reason) = SurvivalTimeCalculator.Derive(new SurvivalCase("t", dx, lc, vital), rules ?? Active);
        Assert.Null(reason);
        return time!;
    }

    static ExclusionReason Excluded(SurvivalCase c) => SurvivalTimeCalculator.Derive(c, Active).Reason!.Value;

    [Fact]
    public void Complete_dates_give_days_and_SEER_months()
    {
        var t = Ok("20100101", "20110101", "0");
        Assert.Equal(365, t.Days);
        Assert.Equal(11, t.Months); // 365 / (365.24/12) = 11.99: a full year needs 366 days
        Assert.True(t.Dead);
        Assert.False(t.Imputed);
        Assert.Equal(12, Ok("20100101", "20110102").Months);
    }

    [Fact]
    public void Unknown_day_of_diagnosis_is_midpoint_bounded_by_last_contact()
    {
        // SEER example: dx 2011-11-99, last contact 2011-11-20 -> dx recode 2011-11-10.
        Assert.Equal(new DateOnly(2011, 11, 10), Ok("20111199", "20111120").DiagnosisDate);
        Assert.Equal(new DateOnly(2011, 11, 10), Ok("201111", "20111120").DiagnosisDate);
        // Unconstrained: floor((1 + days in month) / 2).
        Assert.Equal(new DateOnly(2011, 3, 16), Ok("20110399", "20120101").DiagnosisDate);
        Assert.Equal(new DateOnly(2011, 11, 15), Ok("20111199", "20120101").DiagnosisDate);
        Assert.True(Ok("20111199", "20120101").Imputed);
    }

    [Fact]
    public void Unknown_month_of_diagnosis_is_midpoint_of_year_or_july_1()
    {
        // SEER example: dx 2011, last contact 2011-11-20 -> midpoint of Jan 1..Nov 20 = 2011-06-11.
        Assert.Equal(new DateOnly(2011, 6, 11), Ok("2011", "20111120").DiagnosisDate);
        Assert.Equal(new DateOnly(2011, 6, 11), Ok("20119999", "20111120").DiagnosisDate);
        Assert.Equal(new DateOnly(2011, 6, 11), Ok("2011    ", "20111120").DiagnosisDate);
        Assert.Equal(new DateOnly(2010, 7, 1), Ok("20109999", "20120515").DiagnosisDate);
    }

    [Fact]
    public void Unknown_parts_of_last_contact_are_bounded_by_diagnosis()
    {
        // SEER example: last contact 2011-11 -> 2011-11-15.
        Assert.Equal(new DateOnly(2011, 11, 15), Ok("20100101", "201111").EndDate);
        // Same month as diagnosis: midpoint of diagnosis day and month end.
        Assert.Equal(new DateOnly(2011, 4, 20), Ok("20110410", "20110499").EndDate);
        // Month unknown in the diagnosis year: midpoint of diagnosis and Dec 31.
        Assert.Equal(new DateOnly(2011, 9, 30), Ok("20110701", "2011").EndDate);
        Assert.Equal(new DateOnly(2012, 7, 1), Ok("20110701", "2012").EndDate);
    }

    [Fact]
    public void Follow_up_stops_at_the_study_cutoff()
    {
        var death = Ok("20200101", "20220105", "0");
        Assert.Equal(new DateOnly(2021, 12, 31), death.EndDate);
        Assert.False(death.Dead); // died after the cutoff: alive as of the cutoff
        Assert.Equal(730, death.Days);
        var alive = Ok("20200101", "20230601", "1");
        Assert.Equal(new DateOnly(2021, 12, 31), alive.EndDate);
        Assert.Equal(ExclusionReason.DiagnosedAfterCutoff, Excluded(new SurvivalCase("x", "20220301", "20220401", "1")));
    }

    [Fact]
    public void Presumed_alive_runs_the_living_to_the_cutoff_but_not_the_dead()
    {
        Assert.Equal(new DateOnly(2015, 3, 1), Ok("20150101", "20150301", "1").EndDate);
        var alive = Ok("20150101", "20150301", "1", Presumed);
        Assert.Equal(new DateOnly(2021, 12, 31), alive.EndDate);
        Assert.Equal(2556, alive.Days);
        Assert.Equal(83, alive.Months);
        var dead = Ok("20150101", "20150301", "0", Presumed);
        Assert.Equal(new DateOnly(2015, 3, 1), dead.EndDate);
        Assert.True(dead.Dead);
    }

    [Fact]
    public void DCO_and_autopsy_only_and_bad_dates_are_excluded_and_counted()
    {
        var cases = new[]
        {
            new SurvivalCase("dco", "20150101", "20150101", "0", TypeOfReportingSource: "7"),
            new SurvivalCase("autopsy", "20150101", "20150101", "0", TypeOfReportingSource: "6"),
            new SurvivalCase("noyear", "99999999", "20150101", "0"),
            new SurvivalCase("nolc", "20150101", "", "1"),
            new SurvivalCase("negative", "20150301", "20150101", "0"),
            new SurvivalCase("vital", "20150101", "20160101", "9"),
            new SurvivalCase("zero", "20150101", "20150101", "1"),
            new SurvivalCase("ok", "20150101", "20160101", "1", TypeOfReportingSource: "1"),
            new SurvivalCase("dead-same-day", "20150101", "20150101", "0"),
        };
        var cohort = SurvivalTimeCalculator.Derive(cases, Active);
        Assert.Equal(["ok", "dead-same-day"], cohort.Included.Select(t => t.Case.Id));
        Assert.Equal(7, cohort.Excluded.Count);
        Assert.Equal(ExclusionReason.DeathCertificateOnly, cohort.Excluded.Single(e => e.Case.Id == "dco").Reason);
        Assert.Equal(ExclusionReason.AutopsyOnly, cohort.Excluded.Single(e => e.Case.Id == "autopsy").Reason);
        Assert.Equal(ExclusionReason.UnknownDiagnosisDate, cohort.Excluded.Single(e => e.Case.Id == "noyear").Reason);
        Assert.Equal(ExclusionReason.UnknownLastContactDate, cohort.Excluded.Single(e => e.Case.Id == "nolc").Reason);
        Assert.Equal(ExclusionReason.NegativeSurvivalTime, cohort.Excluded.Single(e => e.Case.Id == "negative").Reason);
        Assert.Equal(ExclusionReason.UnknownVitalStatus, cohort.Excluded.Single(e => e.Case.Id == "vital").Reason);
        Assert.Equal(ExclusionReason.AliveWithNoSurvivalTime, cohort.Excluded.Single(e => e.Case.Id == "zero").Reason);
        Assert.Equal(1, cohort.ExclusionCounts[ExclusionReason.DeathCertificateOnly]);
        Assert.Equal(0, cohort.Included[1].Days);
    }

    [Theory]
    [InlineData("20150615", 2015, 6, 15)]
    [InlineData("201506", 2015, 6, null)]
    [InlineData("20159999", 2015, null, null)]
    [InlineData("2015  15", 2015, null, null)]
    [InlineData("20150231", 2015, 2, null)]
    public void Partial_dates_parse_known_parts(string text, int year, int? month, int? day)
    {
        Assert.Equal(new PartialDate(year, month, day), PartialDate.Parse(text));
    }
}
