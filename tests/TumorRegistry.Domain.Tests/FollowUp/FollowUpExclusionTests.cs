using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Tests.FollowUp;

/// <summary>One test per CoC exclusion, on the shipped rules file: the rule removes the case, its neighbour stays.</summary>
public sealed class FollowUpExclusionTests
{
    private static readonly FollowUpRules Rules =
        FollowUpRules.Parse(File.ReadAllText(ReferenceData.Path("reference", "coc", "follow-up-exclusions.json")));
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    /// <summary>A living patient's invasive breast case, due (last contact 13 months ago), diagnosed 2023.</summary>
    private static FollowUpCase Breast(string classOfCase = "14") => new(classOfCase, "1", false, "20230115", "20240419")
        { PrimarySite = "C504", Histology = "8500", Behavior = "3", SummaryStage2018 = "1", DateOfBirth = "19600101" };

    private static IReadOnlyList<NotFollowedReason> Why(FollowUpCase c) => Rules is var r ? c.NotFollowed(AsOf, r) : [];

    [Fact]
    public void A_living_analytic_invasive_case_is_followed_and_due()
    {
        Assert.Empty(Why(Breast()));
        Assert.True(Breast().IsDueAsOf(AsOf, Rules));
    }

    [Theory]
    [InlineData("00")]
    [InlineData("32")]
    public void Non_analytic_cases_are_not_followed(string classOfCase)
    {
        Assert.Equal([NotFollowedReason.NonAnalytic], Why(Breast(classOfCase)));
        Assert.False(Breast(classOfCase).IsDueAsOf(AsOf, Rules));
    }

    [Fact]
    public void Duplicates_are_not_followed() =>
        Assert.Equal([NotFollowedReason.Duplicate], Why(Breast() with { IsDuplicate = true }));

    [Fact]
    public void The_dead_get_no_request_but_are_not_excluded_from_the_rates()
    {
        var dead = Breast() with { VitalStatus = "0" };
        Assert.Equal([NotFollowedReason.Dead], Why(dead));
        Assert.False(dead.IsDueAsOf(AsOf, Rules));
        Assert.False(dead.IsExcluded(AsOf, Rules));
    }

    [Fact]
    public void Foreign_residents_by_next_follow_up_source_8_or_a_foreign_current_country()
    {
        Assert.Equal([NotFollowedReason.ForeignResident], Why(Breast() with { NextFollowUpSource = "8" }));
        Assert.Equal([NotFollowedReason.ForeignResident], Why(Breast() with { CurrentCountry = "MEX" }));
        Assert.Empty(Why(Breast() with { CurrentCountry = "USA", NextFollowUpSource = "1" }));
        Assert.Empty(Why(Breast() with { CurrentCountry = "PRI" }));
    }

    [Fact]
    public void In_situ_cervix_is_excluded_but_invasive_cervix_is_not()
    {
        var cervix = Breast() with { PrimarySite = "C539", Histology = "8077", Behavior = "2" };
        Assert.Equal([NotFollowedReason.InSituCervix], Why(cervix));
        Assert.Empty(Why(cervix with { Histology = "8070", Behavior = "3" }));
        Assert.Empty(Why(Breast() with { Histology = "8500", Behavior = "2" })); // breast DCIS is followed
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void Benign_and_borderline_tumors_are_excluded(string behavior) =>
        Assert.Equal([NotFollowedReason.BenignOrBorderline], Why(Breast() with { PrimarySite = "C710", Histology = "9530", Behavior = behavior }));

    [Fact]
    public void In_situ_and_localized_basal_and_squamous_skin_are_excluded_regional_and_melanoma_are_not()
    {
        var skin = Breast() with { PrimarySite = "C443", Histology = "8090", Behavior = "3", SummaryStage2018 = "1" };
        Assert.Equal([NotFollowedReason.SkinBasalSquamous], Why(skin));
        Assert.Equal([NotFollowedReason.SkinBasalSquamous], Why(skin with { Histology = "8070", Behavior = "2", SummaryStage2018 = "0" }));
        Assert.Empty(Why(skin with { SummaryStage2018 = "2" }));
        Assert.Empty(Why(skin with { Histology = "8720" }));
    }

    [Fact]
    public void Patients_100_or_older_without_contact_in_12_months_are_excluded()
    {
        var old = Breast() with { DateOfBirth = "19250601" }; // 100 on the as-of date, last contact 13 months before
        Assert.Equal(100, old.AgeOn(AsOf));
        Assert.Equal([NotFollowedReason.OldAgeWithoutRecentContact], Why(old));
        Assert.Empty(Why(old with { DateOfBirth = "19250602" }));            // 99 for one more day
        Assert.Empty(Why(old with { DateOfLastContact = "20240701" }));      // contacted 11 months ago
        Assert.Equal([NotFollowedReason.Dead], Why(old with { VitalStatus = "0" })); // the dead are counted, whatever the age
    }

    [Fact]
    public void The_2021_notice_removes_diagnoses_1988_to_2004_from_its_effective_date()
    {
        var old = Breast() with { DateOfDiagnosis = "20041231" };
        Assert.Equal([NotFollowedReason.NoLongerRequiredByNotice], Why(old));
        Assert.Empty(Why(old with { DateOfDiagnosis = "20050101" }));
        Assert.Empty(Why(old with { DateOfDiagnosis = "19871231" }));
        Assert.Empty(old.NotFollowed(new DateOnly(2021, 3, 21), Rules));
    }

    [Fact]
    public void Rates_leave_out_excluded_cases_and_keep_the_dead()
    {
        FollowUpCase Case(string dx, string last) => Breast() with { DateOfDiagnosis = dx, DateOfLastContact = last };
        var cases = new[]
        {
            Case("20210301", "20250101"),                                               // followed
            Case("20210301", "20230101"),                                               // lost
            Case("20210301", "20230101") with { VitalStatus = "0" },                    // dead: followed
            Case("20210301", "20230101") with { Behavior = "1", Histology = "9530", PrimarySite = "C710" }, // excluded
            Case("20210301", "20230101") with { NextFollowUpSource = "8" },             // excluded
        };
        var rates = FollowUpRates.Compute(cases, AsOf, 2020, Rules);
        Assert.Equal((3, 2), (rates.SinceReferenceYear.Cases, rates.SinceReferenceYear.Followed));
        Assert.Equal((5, 2), (FollowUpRates.Compute(cases, AsOf, 2020).SinceReferenceYear.Cases, 2));
    }

    [Fact]
    public void Every_reason_has_a_code_and_a_description() =>
        Assert.All(Enum.GetValues<NotFollowedReason>(), r => Assert.False(string.IsNullOrEmpty(r.Code() + r.Describe())));
}
