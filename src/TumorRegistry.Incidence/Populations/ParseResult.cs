namespace TumorRegistry.Incidence.Populations;

/// <summary>A problem found in one line of an input file.</summary>
/// <param name="LineNumber">1-based line number in the file.</param>
/// <param name="Field">Name of the offending field (or "line" for the whole line).</param>
/// <param name="Value">The text found there.</param>
/// <param name="Message">What is wrong, for a person to read.</param>
public sealed record ParseError(int LineNumber, string Field, string Value, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {LineNumber}, {Field} '{Value}': {Message}";
}

/// <summary>
/// Everything parsed from a file plus every error found. The file is usable only when
/// <see cref="IsValid"/>; callers store nothing from a file with errors.
/// </summary>
public sealed record ParseResult<T>(IReadOnlyList<T> Records, IReadOnlyList<ParseError> Errors)
{
    /// <summary>True when no line had an error.</summary>
    public bool IsValid => Errors.Count == 0;
}
