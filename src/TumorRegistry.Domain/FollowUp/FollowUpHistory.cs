using TumorRegistry.Domain.Events;
using TumorRegistry.Standards.Dates;

namespace TumorRegistry.Domain.FollowUp;

/// <summary>One follow-up request as its events left it.</summary>
public sealed record FollowUpRequestState(Guid RequestId, DateOnly DueOn, DateOnly RequestedOn, IReadOnlyList<Guid> Cases)
{
    public FollowUpAddressee Addressee { get; init; } = null!;
    public string LetterTemplate { get; init; } = "";
    public int Escalations { get; init; }
    /// <summary>The day the current addressee was asked: the request, or its last escalation.</summary>
    public DateOnly AskedOn { get; init; }
    public IReadOnlyList<(Guid BatchId, DateOnly SentOn, string Addressee)> Letters { get; init; } = [];
    public DateOnly? AnsweredOn { get; init; }
    public bool IsOpen => AnsweredOn is null;
}

/// <summary>An answer to a follow-up request as a registrar enters it (dates in NAACCR form).</summary>
public sealed record FollowUpAnswer(string ContactDate, string VitalStatus, string Source, Guid? RequestId = null,
    string? CauseOfDeath = null, string? IcdRevisionNumber = null);

/// <summary>
/// The follow-up events of a patient stream folded (requests, letters, escalations, answers, lost and restored), and the
/// decisions the jobs and the answer endpoint take on it. Pure: the caller appends the returned events.
/// </summary>
public sealed class FollowUpHistory
{
    private readonly List<FollowUpRequestState> _requests = [];

    public IReadOnlyList<FollowUpRequestState> Requests => _requests;
    public FollowUpRequestState? Open => _requests.LastOrDefault(r => r.IsOpen);
    public DateOnly? LostOn { get; private set; }
    public bool IsLost => LostOn is not null;

    public static FollowUpHistory From(IEnumerable<DomainEvent> events)
    {
        var h = new FollowUpHistory();
        foreach (var e in events) h.Apply(e);
        return h;
    }

    public void Apply(DomainEvent e)
    {
        switch (e)
        {
            case FollowUpRequested r:
                _requests.Add(new FollowUpRequestState(r.RequestId, r.DueOn, r.RequestedOn, r.Cases)
                    { Addressee = r.Addressee, LetterTemplate = r.LetterTemplate, AskedOn = r.RequestedOn });
                break;
            case FollowUpLetterSent s:
                Update(s.RequestId, r => r with { Letters = [.. r.Letters, (s.BatchId, s.SentOn, s.Addressee)] });
                break;
            case FollowUpEscalated x:
                Update(x.RequestId, r => r with { Addressee = x.Addressee, LetterTemplate = x.LetterTemplate, Escalations = r.Escalations + 1,
                    AskedOn = x.EscalatedOn });
                break;
            case FollowUpAnswered a:
                // An answer closes the request it names, else whichever is open (a call or a chart visit answers it too).
                var target = a.RequestId is { } id ? _requests.FindLast(r => r.RequestId == id && r.IsOpen) : Open;
                if (target is not null) Update(target.RequestId, r => r with { AnsweredOn = a.ReceivedOn });
                break;
            case FollowUpLost l: LostOn = l.LostOn; break;
            case FollowUpRestored: LostOn = null; break;
        }
    }

    private void Update(Guid requestId, Func<FollowUpRequestState, FollowUpRequestState> change)
    {
        var i = _requests.FindLastIndex(r => r.RequestId == requestId);
        if (i >= 0) _requests[i] = change(_requests[i]);
    }

    // ---- decisions ----

    /// <summary>
    /// A new request for the follow-up due on <paramref name="dueOn"/>, unless one is open or this due date was already
    /// requested (so the nightly job run twice, or on two servers, asks once).
    /// </summary>
    public IReadOnlyList<DomainEvent> Request(Guid requestId, DateOnly dueOn, DateOnly today, FollowUpAddressee addressee, string template,
        IReadOnlyList<Guid> cases) =>
        Open is not null || _requests.Any(r => r.DueOn == dueOn)
            ? []
            : [new FollowUpRequested(requestId, dueOn, today, addressee, template, cases)];

    /// <summary>Escalates the open request to the next addressee when its current one has not answered in <paramref name="days"/> days.</summary>
    public IReadOnlyList<DomainEvent> Escalate(DateOnly today, int days, FollowUpAddressee? next, string template) =>
        Open is { } open && next is not null && open.AskedOn.AddDays(days) <= today
            ? [new FollowUpEscalated(open.RequestId, today, next, template)]
            : [];

    /// <summary>Lost when the last contact is more than 15 months before today; once, until restored.</summary>
    public IReadOnlyList<DomainEvent> MarkLost(DateOnly today, FollowUpCase patient) =>
        !IsLost && patient.NeedsFollowUp && patient.IsLostAsOf(today) ? [new FollowUpLost(today, patient.DateOfLastContact)] : [];

    /// <summary>
    /// The events of an answer: FollowUpAnswered (moving Date of Last Contact and Vital Status only when the information
    /// is newer than what is on record, the SEER rule), FollowUpRestored when a lost patient now has a contact within 15
    /// months, and DeathRecorded when the answer reports a death. Refuses a contact date that is not a date or is after
    /// the day the answer was received.
    /// </summary>
    public Decision Answer(FollowUpAnswer answer, DateOnly receivedOn, string? currentLastContact)
    {
        if (!NaaccrDate.TryParse(answer.ContactDate, out var contact))
            return Decision.Refuse("contactDate", "Contact date is the date of the information, as a NAACCR date (YYYYMMDD, YYYYMM or YYYY).");
        if (contact.Earliest > receivedOn)
            return Decision.Refuse("contactDate", "Contact date is the date of the information and cannot be after the day the answer came.");
        if (answer.VitalStatus is not ("0" or "1"))
            return Decision.Refuse("vitalStatus", "Vital status is 1 (alive) or 0 (dead).");
        if (string.IsNullOrWhiteSpace(answer.Source))
            return Decision.Refuse("source", "Say who gave the information (Follow-Up Source code).");
        if (answer.RequestId is { } id && !_requests.Any(r => r.RequestId == id))
            return Decision.Refuse("requestId", "This patient has no such follow-up request.");
        var newer = !NaaccrDate.TryParse(currentLastContact, out var current) || contact.Earliest > current.Earliest
            || answer.VitalStatus == "0";
        var events = new List<DomainEvent>
        {
            new FollowUpAnswered
            {
                RequestId = answer.RequestId, ContactDate = answer.ContactDate, AnswerVitalStatus = answer.VitalStatus, Source = answer.Source,
                ReceivedOn = receivedOn,
                DateOfLastContact = newer ? answer.ContactDate : null, VitalStatus = newer ? answer.VitalStatus : null,
            },
        };
        if (IsLost && contact.Earliest.AddMonths(FollowUpCase.LostAfterMonths) >= receivedOn)
            events.Add(new FollowUpRestored(receivedOn, answer.ContactDate));
        if (answer.VitalStatus == "0")
            events.Add(new DeathRecorded { DateOfDeath = answer.ContactDate, CauseOfDeath = answer.CauseOfDeath, IcdRevisionNumber = answer.IcdRevisionNumber });
        return Decision.Accept([.. events]);
    }
}
