namespace TumorRegistry.Standards.Seer;

/// <summary>A set of codes written as SEER writes them: "C000-C006,C008" or "9050-9055,9140".</summary>
public sealed class CodeRanges
{
    private readonly List<(string From, string To)> _ranges;

    private CodeRanges(List<(string, string)> ranges) => _ranges = ranges;

    /// <summary>True when no range was given (the criterion does not apply).</summary>
    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>Codes of equal width compare as strings, which orders C000..C809 and 8000..9993 correctly.</summary>
    public bool Contains(string code) =>
        _ranges.Any(r => code.Length == r.From.Length
            && string.CompareOrdinal(code, r.From) >= 0 && string.CompareOrdinal(code, r.To) <= 0);

    /// <summary>Parses a comma list of codes and ranges; empty entries (",,") are ignored.</summary>
    public static CodeRanges Parse(string? text) => new((text ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('-', 2) is [var a, var b] ? (a, b) : (part, part))
        .ToList());

    public override string ToString() => string.Join(",", _ranges.Select(r => r.From == r.To ? r.From : $"{r.From}-{r.To}"));
}
