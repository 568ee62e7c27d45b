using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// Strict: every problem the standard's strict validation names refuses the record (or the file, for the root).
/// Relaxed: unknown attributes, elements and items, number mismatches, over-long or mistyped values are reported
/// and kept; only an item on the wrong level, a record over the size bounds or an Item without naaccrId refuses it.
/// </summary>
public enum NaaccrReadMode { Strict, Relaxed }

/// <summary>How a NAACCR XML file is read: mode, dictionaries and the size bounds that keep memory constant.</summary>
public sealed record NaaccrReadOptions
{
    public static NaaccrReadOptions Strict { get; } = new();
    public static NaaccrReadOptions Relaxed { get; } = new() { Mode = NaaccrReadMode.Relaxed };

    public NaaccrReadMode Mode { get; init; } = NaaccrReadMode.Strict;

    /// <summary>Base dictionaries by version; the shipped v24-v26 when null.</summary>
    public IReadOnlyDictionary<string, NaaccrDictionary>? BaseDictionaries { get; init; }

    /// <summary>User-defined dictionaries a file may name in userDictionaryUri.</summary>
    public IReadOnlyList<NaaccrDictionary> UserDictionaries { get; init; } = [];

    /// <summary>Longest item value read, in characters (an unlimited-text item included); longer refuses the record.</summary>
    public int MaxItemChars { get; init; } = 1 << 20;

    /// <summary>Most characters of item values in one Patient element with its tumors.</summary>
    public int MaxRecordChars { get; init; } = 8 << 20;

    /// <summary>Most tumors in one Patient element.</summary>
    public int MaxTumorsPerPatient { get; init; } = 1000;
}
