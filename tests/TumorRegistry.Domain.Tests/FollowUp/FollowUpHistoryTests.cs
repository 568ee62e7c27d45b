using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.FollowUp;

namespace TumorRegistry.Domain.Tests.FollowUp;

public sealed class FollowUpHistoryTests
{
    private static readonly DateOnly Day = new(2025, 4, 19);
    private static readonly FollowUpAddressee Doctor = new(FollowUpAddressee.Physician, "Dr 12345", "1234567893", null, null, null, null, null);
    private static readonly FollowUpAddressee Patient = new(FollowUpAddressee.Patient, "Randi Smith", null, "1 Main St", null, "Town", "ME", "04101");
    private static readonly Guid Request = Guid.NewGuid();

    private static FollowUpHistory Requested(params DomainEvent[] more) =>
        FollowUpHistory.From([new FollowUpRequested(Request, Day, Day, Doctor, "physician", []), .. more]);

    [Fact]
    public void A_due_date_is_requested_once_and_not_while_a_request_is_open()
    {
        var none = FollowUpHistory.From([]);
        Assert.Single(none.Request(Request, Day, Day, Doctor, "physician", []));
        var open = Requested();
        Assert.Empty(open.Request(Guid.NewGuid(), Day.AddYears(1), Day.AddYears(1), Doctor, "physician", []));
        var answered = Requested(new FollowUpAnswered { ContactDate = "20250501", AnswerVitalStatus = "1", Source = "2", ReceivedOn = Day.AddDays(20) });
        Assert.Null(answered.Open);
        Assert.Empty(answered.Request(Guid.NewGuid(), Day, Day.AddDays(30), Doctor, "physician", []));
        Assert.Single(answered.Request(Guid.NewGuid(), Day.AddYears(1), Day.AddYears(1), Doctor, "physician", []));
    }

    [Fact]
    public void Escalation_waits_the_configured_days_from_the_last_ask()
    {
        var h = Requested();
        Assert.Empty(h.Escalate(Day.AddDays(29), 30, Patient, "patient"));
        var escalated = Assert.IsType<FollowUpEscalated>(Assert.Single(h.Escalate(Day.AddDays(30), 30, Patient, "patient")));
        h.Apply(escalated);
        Assert.Equal((1, Patient, Day.AddDays(30)), (h.Open!.Escalations, h.Open.Addressee, h.Open.AskedOn));
        Assert.Empty(h.Escalate(Day.AddDays(59), 30, Patient, "patient"));
        Assert.Empty(h.Escalate(Day.AddDays(90), 30, null, "patient")); // no one left to ask
    }

    [Fact]
    public void Lost_once_after_15_months_and_restored_by_a_recent_answer()
    {
        var patient = new FollowUpCase("14", "1", false, "20230115", "20240101");
        var h = FollowUpHistory.From([]);
        Assert.Empty(h.MarkLost(new DateOnly(2025, 4, 1), patient));
        var lost = Assert.Single(h.MarkLost(new DateOnly(2025, 4, 2), patient));
        h.Apply(lost);
        Assert.True(h.IsLost);
        Assert.Empty(h.MarkLost(new DateOnly(2025, 4, 3), patient));
        var answer = h.Answer(new FollowUpAnswer("20250410", "1", "3"), new DateOnly(2025, 5, 1), "20240101");
        Assert.Contains(answer.Events, e => e is FollowUpRestored);
        // An answer whose information is itself older than 15 months does not restore.
        Assert.DoesNotContain(h.Answer(new FollowUpAnswer("20231201", "1", "3"), new DateOnly(2025, 5, 1), "20240101").Events,
            e => e is FollowUpRestored);
    }

    [Fact]
    public void The_contact_date_is_the_date_of_the_information_and_never_moves_back()
    {
        var h = Requested();
        var newer = Assert.IsType<FollowUpAnswered>(h.Answer(new FollowUpAnswer("20250320", "1", "2", Request), Day.AddDays(10), "20240419").Events[0]);
        Assert.Equal(("20250320", "1", Day.AddDays(10)), (newer.DateOfLastContact, newer.VitalStatus, newer.ReceivedOn));
        var older = Assert.IsType<FollowUpAnswered>(h.Answer(new FollowUpAnswer("20240101", "1", "2"), Day, "20240419").Events[0]);
        Assert.Null(older.DateOfLastContact);
        Assert.Null(older.VitalStatus);
        Assert.Equal("contactDate", h.Answer(new FollowUpAnswer("20250501", "1", "2"), Day, "20240419").Errors[0].NaaccrId);
        Assert.Equal("contactDate", h.Answer(new FollowUpAnswer("2025-03-20", "1", "2"), Day, "20240419").Errors[0].NaaccrId);
        Assert.Equal("vitalStatus", h.Answer(new FollowUpAnswer("20250320", "4", "2"), Day, "20240419").Errors[0].NaaccrId);
        Assert.Equal("requestId", h.Answer(new FollowUpAnswer("20250320", "1", "2", Guid.NewGuid()), Day, "20240419").Errors[0].NaaccrId);
        h.Apply(newer);
        Assert.Null(h.Open);
    }

    [Fact]
    public void A_death_in_an_answer_records_date_and_cause()
    {
        var d = Requested().Answer(new FollowUpAnswer("20250301", "0", "7", Request, "C509", "1"), Day, "20240419");
        var death = Assert.IsType<DeathRecorded>(d.Events[^1]);
        Assert.Equal(("20250301", "0", "C509"), (death.DateOfDeath, death.VitalStatus, death.CauseOfDeath));
    }
}
