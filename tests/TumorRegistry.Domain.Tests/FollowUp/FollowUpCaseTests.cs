using TumorRegistry.Domain.FollowUp;

namespace TumorRegistry.Domain.Tests.FollowUp;

public sealed class FollowUpCaseTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    private static FollowUpCase Alive(string? lastContact, string classOfCase = "14", bool duplicate = false, string dx = "20230115") =>
        new(classOfCase, "1", duplicate, dx, lastContact);

    [Theory]
    [InlineData("10", true)]
    [InlineData("14", true)]
    [InlineData("22", true)]
    [InlineData("00", false)]
    [InlineData("30", false)]
    [InlineData("38", false)]
    [InlineData("9", false)]
    [InlineData(null, false)]
    public void Analytic_cases_are_class_of_case_10_to_22(string? classOfCase, bool analytic) =>
        Assert.Equal(analytic, Alive("20240419", classOfCase!).IsAnalytic);

    [Fact]
    public void Only_living_patients_of_analytic_non_duplicate_cases_need_follow_up()
    {
        Assert.True(Alive("20240419").NeedsFollowUp);
        Assert.False(Alive("20240419", duplicate: true).NeedsFollowUp);
        Assert.False(Alive("20240419", "32").NeedsFollowUp);
        Assert.False(new FollowUpCase("14", "0", false, "20230115", "20240419").NeedsFollowUp);
        Assert.False(new FollowUpCase("14", null, false, "20230115", "20240419").NeedsFollowUp);
    }

    [Theory]
    [InlineData("20240601", true)]   // exactly 12 months
    [InlineData("20240602", false)]
    [InlineData("20230101", true)]
    [InlineData("202406", true)]     // June 2024, day unknown: counted from 1 June
    [InlineData("202407", false)]
    [InlineData("2024", true)]       // year only: counted from 1 January
    [InlineData("", true)]           // no usable last contact: due now
    [InlineData(null, true)]
    public void Follow_up_is_due_12_months_after_the_last_contact(string? lastContact, bool due) =>
        Assert.Equal(due, Alive(lastContact).IsDueAsOf(AsOf));

    [Theory]
    [InlineData("20240301", false)]  // 15 months exactly: not more than 15
    [InlineData("20240229", true)]
    [InlineData("202402", true)]
    [InlineData("202403", false)]
    [InlineData("20250101", false)]
    [InlineData(null, true)]
    public void Lost_to_follow_up_is_no_contact_for_more_than_15_months(string? lastContact, bool lost) =>
        Assert.Equal(lost, Alive(lastContact).IsLostAsOf(AsOf));

    [Theory]
    [InlineData("20240601", 12)]
    [InlineData("20240602", 11)]
    [InlineData("20240419", 13)]
    [InlineData("2024", 17)]
    public void Months_since_contact_are_whole_months(string lastContact, int months) =>
        Assert.Equal(months, Alive(lastContact).MonthsSinceContact(AsOf));

    [Fact]
    public void A_dead_patient_is_followed_whatever_the_last_contact()
    {
        Assert.True(new FollowUpCase("14", "0", false, "20200101", "20200301").IsFollowedAsOf(AsOf));
        Assert.False(Alive("20200301").IsFollowedAsOf(AsOf));
        Assert.True(Alive("20250301").IsFollowedAsOf(AsOf));
    }
}
