namespace TumorRegistry.Domain.Consolidation;

/// <summary>
/// A report about one tumor to fold into its case: where it came from and its Tumor items as received, keyed by
/// naaccrId (dateOfDiagnosis as YYYYMMDD, blank or 99 parts allowed).
/// </summary>
/// <param name="SourceKind">What kind of report: pathology HL7, FHIR, NAACCR import, abstract.</param>
public sealed record SourceRecord(string SourceId, string SourceKind, string? ReportingFacility, DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> TumorItems);

/// <summary>What a rule made of one item of a source record.</summary>
public enum ItemOutcomeKind
{
    /// <summary>The source agrees with the case.</summary>
    Same,
    /// <summary>The case takes the source's value.</summary>
    Changed,
    /// <summary>The case keeps its value (the source's is less specific, unknown or not preferred).</summary>
    Kept,
    /// <summary>The values disagree and no rule settles it: to the consolidation review, the case unchanged.</summary>
    Conflict,
}

/// <summary>One item of a source record against the case, with the rule that decided and why.</summary>
public sealed record ItemOutcome(ItemOutcomeKind Kind, string NaaccrId, string? CaseValue, string SourceValue, string RuleId, string Message);
