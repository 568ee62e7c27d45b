namespace TumorRegistry.Standards.Xml;

/// <summary>What kind of problem the reader found; the read mode decides which kinds refuse a record.</summary>
public enum NaaccrProblemKind
{
    UnknownAttribute,
    UnknownElement,
    MissingAttribute,
    UnknownDictionary,
    UnsupportedSpecification,
    UnknownItem,
    NumberMismatch,
    WrongParent,
    TooLong,
    BadValue,
    DuplicateItem,
    TooLarge,
    MissingItemId,
}

/// <summary>
/// One problem in a NAACCR XML file: where (line, 1-based patient record and tumor, item) and what. Messages never
/// carry item values beyond short codes (<see cref="ErrorText"/>), so they can be logged and returned.
/// </summary>
public sealed record NaaccrProblem(int Line, int? Patient, int? Tumor, string? Item, NaaccrProblemKind Kind, string Message, bool Refuses)
{
    public override string ToString() =>
        $"line {Line}, " + (Patient is { } p ? $"patient record {p}" : "file")
        + (Tumor is { } t ? $", tumor {t}" : "") + (Item is { } i ? $", item {i}" : "") + ": " + Message
        + (Refuses ? "" : " (accepted in relaxed mode)");
}
