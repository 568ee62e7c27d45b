namespace TumorRegistry.Standards.Xml;

/// <summary>Items of one XML element by naaccrId, in file order (Dictionary keeps insertion order when nothing is removed).</summary>
public class NaaccrItems
{
    public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

    public string? this[string naaccrId] => Items.GetValueOrDefault(naaccrId);
}

/// <summary>A Tumor element: its items.</summary>
public sealed class NaaccrTumorRecord : NaaccrItems;

/// <summary>A Patient element: patient items and its tumors.</summary>
public sealed class NaaccrPatientRecord : NaaccrItems
{
    public List<NaaccrTumorRecord> Tumors { get; } = [];
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
