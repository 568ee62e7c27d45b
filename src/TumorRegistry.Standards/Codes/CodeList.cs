namespace TumorRegistry.Standards.Codes;

/// <summary>One allowed code of a coded item.</summary>
/// <param name="MeansMissing">True for "unknown / not stated" style codes.</param>
public sealed record CodeEntry(string Code, string Label, bool MeansMissing, string Description);

/// <summary>A code list from reference/naaccr/code-labels/&lt;scheme&gt;.csv.</summary>
public sealed class CodeList
{
    private readonly Dictionary<string, CodeEntry> _codes;

    public CodeList(string scheme, IEnumerable<CodeEntry> entries)
    {
        Scheme = scheme;
        Entries = entries.ToList();
        _codes = new Dictionary<string, CodeEntry>(StringComparer.Ordinal);
        foreach (var e in Entries) _codes.TryAdd(e.Code, e);
    }

    public string Scheme { get; }
    public IReadOnlyList<CodeEntry> Entries { get; }

    public bool Contains(string code) => _codes.ContainsKey(code);
    public CodeEntry? Find(string code) => _codes.GetValueOrDefault(code);

    /// <summary>Parses code,label,means_missing,description.</summary>
    public static CodeList Load(string scheme, TextReader csv) => new(scheme,
        Csv.ReadWithHeader(csv).Select(r => new CodeEntry(
            r["code"], r["label"],
            string.Equals(r["means_missing"], "TRUE", StringComparison.OrdinalIgnoreCase),
            r["description"])));
}
