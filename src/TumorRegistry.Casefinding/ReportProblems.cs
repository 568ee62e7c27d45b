namespace TumorRegistry.Casefinding;

/// <summary>
/// One reason a report was refused: where (an HL7 segment with its index and field, "PID[1]-7", or a FHIR resource and
/// element path, "Patient/p1.birthDate") and what is wrong. Never carries the value itself: it may identify the patient.
/// </summary>
public sealed record ReportProblem(string Where, string Problem)
{
    public override string ToString() => $"{Where}: {Problem}";
}

/// <summary>A report that cannot be read: nothing of it is stored.</summary>
public sealed class ReportRefusedException(IReadOnlyList<ReportProblem> problems)
    : Exception("The report was refused: " + string.Join("; ", problems))
{
    public IReadOnlyList<ReportProblem> Problems { get; } = problems;

    public ReportRefusedException(string where, string problem) : this([new ReportProblem(where, problem)]) { }
}
