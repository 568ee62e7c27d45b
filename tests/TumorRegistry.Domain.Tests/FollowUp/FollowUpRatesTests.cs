using TumorRegistry.Domain.FollowUp;

namespace TumorRegistry.Domain.Tests.FollowUp;

public sealed class FollowUpRatesTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    [Fact]
    public void Rates_count_analytic_cases_from_the_reference_year_leaving_out_the_last_year()
    {
        FollowUpCase[] cases =
        [
            new("14", "1", false, "20230115", "20240419"), // followed (13 months)
            new("10", "1", false, "20220310", "20240101"), // lost (17 months)
            new("14", "0", false, "20220601", "20240301"), // dead: followed
            new("14", "1", false, "20200505", "20250301"), // followed; diagnosed more than five years ago
            new("14", "1", false, "20250101", "20200101"), // diagnosed in the last year: not counted
            new("14", "1", false, "20190601", "20200101"), // before the reference year: not counted
            new("32", "1", false, "20230101", "20200101"), // not analytic
            new("14", "1", true, "20230101", "20200101"),  // duplicate
            new("14", "1", false, null, "20200101"),       // no diagnosis date
        ];
        var rates = FollowUpRates.Compute(cases, AsOf, 2020);
        Assert.Equal((4, 3), (rates.SinceReferenceYear.Cases, rates.SinceReferenceYear.Followed));
        Assert.Equal(0.75, rates.SinceReferenceYear.Rate);
        Assert.False(rates.SinceReferenceYear.MeetsStandard);
        Assert.Equal((3, 2), (rates.LastFiveYears.Cases, rates.LastFiveYears.Followed));
        Assert.False(rates.LastFiveYears.MeetsStandard);
    }

    [Fact]
    public void The_standards_are_80_and_90_percent()
    {
        var followed = Enumerable.Repeat(new FollowUpCase("14", "1", false, "20230115", "20250101"), 9);
        var lost = new FollowUpCase("14", "1", false, "20230115", "20230301");
        var rates = FollowUpRates.Compute(followed.Append(lost), AsOf, 2020);
        Assert.Equal(0.9, rates.SinceReferenceYear.Rate);
        Assert.True(rates.SinceReferenceYear.MeetsStandard);
        Assert.True(rates.LastFiveYears.MeetsStandard);
        Assert.Null(FollowUpRates.Compute([], AsOf, 2020).LastFiveYears.Rate);
        Assert.False(FollowUpRates.Compute([], AsOf, 2020).LastFiveYears.MeetsStandard);
    }
}
