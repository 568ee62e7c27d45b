using TumorRegistry.Domain.Cases;

namespace TumorRegistry.Domain.Tests.Domain;

public class DerivedTests
{
    [Fact]
    public void Age_and_site_recode_come_from_the_case_items()
    {
        var items = Abstracts.Case();
        Assert.Equal(49, Derived.AgeAtDiagnosis(items));
        Assert.Equal("39", Derived.SiteRecode(items)!.Recode);
        Assert.Null(Derived.AgeAtDiagnosis(Abstracts.Case("dateOfBirth=1973")));
        Assert.Null(Derived.SiteRecode(Abstracts.Case("primarySite=")));
    }
}

public class AgeForStatisticsTests
{
    [Theory]
    [InlineData("049", "19000101", "20230115", 49)]   // the abstracted age wins over the dates
    [InlineData("000", null, null, 0)]
    [InlineData("120", null, null, 120)]
    [InlineData("999", "19730729", "20230115", 49)]   // 999 unknown: from the dates, birthday not yet reached
    [InlineData(null, "19730115", "20230115", 50)]    // birthday on the day of diagnosis
    [InlineData(null, "19730116", "20230115", 49)]    // one day short
    [InlineData("121", "19730301", "20230415", 50)]   // out of range: from the dates
    [InlineData("49", "19730301", "20230415", 50)]    // not three digits: from the dates
    [InlineData(null, "197307", "20230115", 49)]      // birth month later, no birth day
    [InlineData(null, "1973", "20230115", 50)]        // no birth month: year difference
    [InlineData(null, "19730729", "202307", 50)]      // same month, no diagnosis day: year difference
    [InlineData(null, "19730729", "2023", 50)]
    [InlineData("999", null, "20230115", null)]       // no date of birth
    [InlineData(null, "19730729", "20230231", null)]  // invalid diagnosis date
    [InlineData(null, "20230729", "20230115", null)]  // born after diagnosis
    [InlineData(null, "20230105", "20230115", 0)]
    public void Item_000_to_120_else_completed_years_from_the_dates(string? item, string? birth, string? dx, int? expected) =>
        Assert.Equal(expected, Derived.AgeForStatistics(item, birth, dx));
}
