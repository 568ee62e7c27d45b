namespace TumorRegistry.Standards.Xml;

/// <summary>Items of one XML element by naaccrId, in file order (Dictionary keeps insertion order when nothing is removed).</summary>
public class NaaccrItems
{
    public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

    public string? this[string naaccrId] => Items.GetValueOrDefault(naaccrId);

    /// <summary>Line of the element's start tag in the file read (0 for records built in code).</summary>
    public int Line { get; init; }
}

/// <summary>A Tumor element: its items.</summary>
public sealed class NaaccrTumorRecord : NaaccrItems;

/// <summary>A Patient element: patient items, its tumors and what the reader found wrong with it.</summary>
public sealed class NaaccrPatientRecord : NaaccrItems
{
    public List<NaaccrTumorRecord> Tumors { get; } = [];

    /// <summary>1-based position of the Patient element in the file.</summary>
    public int Index { get; init; }

    /// <summary>Problems in this record (patient items, tumors, items), refusing or not as the read mode says.</summary>
    public List<NaaccrProblem> Problems { get; } = [];

    /// <summary>A refusing problem was found: nothing of this record may be stored.</summary>
    public bool Refused => Problems.Any(p => p.Refuses);
}

/// <summary>The NaaccrData root: its attributes and root-level items (registry, record type...).</summary>
public sealed class NaaccrDataHeader : NaaccrItems
{
    public string BaseDictionaryUri { get; set; } = "http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml";
    public string RecordType { get; set; } = "A";
    public string SpecificationVersion { get; set; } = "1.8";
    public string? TimeGenerated { get; set; }
    public string? UserDictionaryUri { get; set; }
}
