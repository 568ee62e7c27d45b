namespace TumorRegistry.Casefinding;

/// <summary>
/// The events of an electronic report's stream, past tense and never changed; the casefinding queue is folded from
/// them (<see cref="CasefindingQueueEntry"/>). A correction or a decision is a new event with its reason.
/// </summary>
public interface IReportEvent
{
    /// <summary>The name the event is stored under (with its schema version beside it).</summary>
    static abstract string Name { get; }
}

/// <summary>A report arrived and was read: its format, source, hash and what it says as NAACCR items.</summary>
public sealed record ElectronicReportReceived(string Format, string Source, string ContentType, string Sha256,
    IReadOnlyDictionary<string, string> PatientItems, IReadOnlyDictionary<string, string> TumorItems, string DiagnosisText,
    IReadOnlyList<ReportCode> Codes) : IReportEvent
{
    public static string Name => "ElectronicReportReceived";
    public ExtractedReport Extracted => new(Format, PatientItems, TumorItems, DiagnosisText, Codes);
}

/// <summary>The report was screened for reportability, with every reason (code, term, ambiguous term, negation).</summary>
public sealed record ReportScreened(bool Reportable, IReadOnlyList<ScreeningReason> Reasons) : IReportEvent
{
    public static string Name => "ReportScreened";
}

/// <summary>A registrar took the report off the casefinding queue without a case, saying why (e.g. "not a new tumor").</summary>
public sealed record ReportDismissed(string Reason) : IReportEvent
{
    public static string Name => "ReportDismissed";
}

/// <summary>
/// The report waits for a registrar's decision before it can go to a case: a linkage review (which patient) or a
/// multiple-primary review (which tumor), named in <paramref name="Waiting"/>, with why.
/// </summary>
public sealed record ReportHeld(string Waiting, string Reason) : IReportEvent
{
    public const string Linkage = "linkage review", MultiplePrimary = "multiple-primary review";
    public static string Name => "ReportHeld";
    public string Resolution => $"waiting for {Waiting}: {Reason}";
}

/// <summary>The report went to a case: the patient (linked or new) and the tumor (same or new primary), each with how it was decided.</summary>
public sealed record ReportAccepted(Guid PatientId, Guid CaseId, string Patient, string Primary) : IReportEvent
{
    public static string Name => "ReportAccepted";
}

/// <summary>A report's place in the casefinding queue, folded from its events (pure, so the rule is tested without a database).</summary>
public sealed record CasefindingQueueEntry(string Status, bool Reportable, string Screening, string? Resolution)
{
    public const string New = "new";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";
    public const string NotReportable = "not_reportable";
    public static readonly string[] Statuses = [New, InProgress, Resolved, NotReportable];

    public static CasefindingQueueEntry? Apply(CasefindingQueueEntry? entry, object e) => e switch
    {
        ElectronicReportReceived => new(New, false, "", null),
        // Non-reportable reports are kept and counted under their own status, never dropped.
        ReportScreened s => entry! with
        {
            Status = s.Reportable ? New : NotReportable,
            Reportable = s.Reportable,
            Screening = new ScreeningResult(s.Reportable, s.Reasons).Summary,
        },
        ReportDismissed d => entry! with { Status = Resolved, Resolution = "dismissed: " + d.Reason },
        ReportHeld h => entry! with { Status = InProgress, Resolution = h.Resolution },
        ReportAccepted a => entry! with { Status = Resolved, Resolution = $"case {a.CaseId}: {a.Patient}; {a.Primary}" },
        _ => entry,
    };
}
