using TumorRegistry.Standards.Dates;

namespace TumorRegistry.Domain.Tests.Standards;

public class NaaccrDateTests
{
    [Theory]
    [InlineData("20240419", 2024, 4, 19, "20240419")]
    [InlineData("202404", 2024, 4, null, "202404")]
    [InlineData("2024", 2024, null, null, "2024")]
    [InlineData("2024    ", 2024, null, null, "2024")]
    [InlineData("202402  ", 2024, 2, null, "202402")]
    [InlineData("20240229", 2024, 2, 29, "20240229")]
    public void Parses_full_and_partial_dates(string text, int y, int? m, int? d, string xml)
    {
        var date = NaaccrDate.Parse(text);
        Assert.Equal((y, m, d), (date.Year, date.Month, date.Day));
        Assert.Equal(xml, date.ToString());
        Assert.Equal(8, date.ToFlatString().Length);
    }

    [Theory]
    [InlineData("20230229", "Day 29 does not exist")]
    [InlineData("20241301", "Month 13 does not exist")]
    [InlineData("2024041", "not a date")]
    [InlineData("2024AB01", "not a date")]
    [InlineData("", "not a date")]
    [InlineData("17990101", "not plausible")]
    public void Rejects_malformed_dates_saying_why(string text, string reason)
    {
        Assert.False(NaaccrDate.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Throws<FormatException>(() => NaaccrDate.Parse(text));
    }

    [Fact]
    public void Partial_dates_are_intervals()
    {
        var y2024 = NaaccrDate.Parse("2024");
        var feb = NaaccrDate.Parse("202402");
        Assert.Equal(new DateOnly(2024, 1, 1), y2024.Earliest);
        Assert.Equal(new DateOnly(2024, 12, 31), y2024.Latest);
        Assert.Equal(new DateOnly(2024, 2, 29), feb.Latest);
        Assert.False(y2024.IsComplete);
        Assert.Null(y2024.ToDateOnly());
        Assert.Equal(new DateOnly(2024, 2, 29), NaaccrDate.Parse("20240229").ToDateOnly());
        Assert.Equal("20240229", NaaccrDate.From(new DateOnly(2024, 2, 29)).ToString());
    }

    [Fact]
    public void Ordering_of_partial_dates_is_could_be_or_definitely()
    {
        var year = NaaccrDate.Parse("2024");
        var mid = NaaccrDate.Parse("20240615");
        var next = NaaccrDate.Parse("20250101");
        Assert.True(year.CouldBeBefore(mid));
        Assert.True(mid.CouldBeBefore(year));     // 2024 could be December
        Assert.False(year.IsDefinitelyBefore(mid));
        Assert.True(year.IsDefinitelyBefore(next));
        Assert.True(mid.CouldBeOnOrBefore(mid));
        Assert.False(mid.CouldBeBefore(mid));
        Assert.False(next.CouldBeOnOrBefore(mid));
        Assert.True(year.CompareTo(mid) < 0);
        Assert.True(NaaccrDate.Parse("202406").CompareTo(mid) < 0);
    }

    [Theory]
    [InlineData("19730729", "20240419", 50, 50)]
    [InlineData("19730729", "20240729", 51, 51)]
    [InlineData("19730729", "20240728", 50, 50)]
    [InlineData("1973", "20240419", 50, 51)]
    [InlineData("197307", "202407", 50, 51)]
    [InlineData("197303", "202407", 51, 51)]
    [InlineData("20000229", "20010228", 0, 0)]
    public void Age_at_diagnosis_is_a_range_when_dates_are_partial(string birth, string at, int min, int max)
    {
        var range = NaaccrDate.AgeRange(NaaccrDate.Parse(birth), NaaccrDate.Parse(at));
        Assert.Equal((min, max), range);
        Assert.Equal(min == max ? min : null, NaaccrDate.AgeAt(NaaccrDate.Parse(birth), NaaccrDate.Parse(at)));
    }
}
