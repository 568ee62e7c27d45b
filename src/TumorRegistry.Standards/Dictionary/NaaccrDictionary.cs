using System.Xml;
using System.Xml.Linq;

namespace TumorRegistry.Standards.Dictionary;

/// <summary>A NAACCR XML base dictionary (v24, v25, v26): item definitions by naaccrId and by number.</summary>
public sealed class NaaccrDictionary
{
    private readonly Dictionary<string, NaaccrItemDef> _byId;
    private readonly Dictionary<int, NaaccrItemDef> _byNum;

    private NaaccrDictionary(string version, string uri, string description, IReadOnlyList<NaaccrItemDef> items)
    {
        Version = version;
        DictionaryUri = uri;
        Description = description;
        Items = items;
        _byId = items.ToDictionary(i => i.NaaccrId, StringComparer.Ordinal);
        _byNum = items.ToDictionary(i => i.NaaccrNum);
    }

    /// <summary>NAACCR version, e.g. "250".</summary>
    public string Version { get; }

    /// <summary>The dictionaryUri written as baseDictionaryUri in data files.</summary>
    public string DictionaryUri { get; }

    /// <summary>The dictionary's own description attribute (blank when it has none).</summary>
    public string Description { get; }

    public IReadOnlyList<NaaccrItemDef> Items { get; }

    public NaaccrItemDef? Find(string naaccrId) => _byId.GetValueOrDefault(naaccrId);

    public NaaccrItemDef? Find(int naaccrNum) => _byNum.GetValueOrDefault(naaccrNum);

    /// <summary>The item or an exception naming it: for ids the code itself relies on.</summary>
    public NaaccrItemDef this[string naaccrId] =>
        Find(naaccrId) ?? throw new KeyNotFoundException($"NAACCR item '{naaccrId}' is not in dictionary {Version}.");

    public bool Contains(string naaccrId) => _byId.ContainsKey(naaccrId);

    /// <summary>Parses a dictionary XML (naaccr_dictionary_1.8.xsd). No DTD, no entities: a user's file is read too.</summary>
    public static NaaccrDictionary Load(Stream xml)
    {
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });
        return From(XDocument.Load(reader));
    }

    /// <summary>A dictionary from its parsed XML (one a caller has already read and checked).</summary>
    public static NaaccrDictionary From(XDocument doc)
    {
        var root = doc.Root ?? throw new InvalidDataException("Empty NAACCR dictionary.");
        XNamespace ns = root.Name.Namespace;
        var defs = root.Element(ns + "ItemDefs") ?? throw new InvalidDataException("A NAACCR dictionary needs its ItemDefs element.");
        var items = defs.Elements(ns + "ItemDef").Select(e => new NaaccrItemDef(
            (string)e.Attribute("naaccrId")!,
            (int)e.Attribute("naaccrNum")!,
            (string?)e.Attribute("naaccrName") ?? "",
            (int?)e.Attribute("length") ?? 0,
            ParseType((string?)e.Attribute("dataType")),
            Enum.Parse<NaaccrParent>((string)e.Attribute("parentXmlElement")!),
            (bool?)e.Attribute("allowUnlimitedText") ?? false,
            (string?)e.Attribute("recordTypes") ?? "A,M,C,I")).ToList();
        return new NaaccrDictionary(
            (string?)root.Attribute("naaccrVersion") ?? "",
            (string?)root.Attribute("dictionaryUri") ?? "",
            (string?)root.Attribute("description") ?? "",
            items);
    }

    /// <summary>Loads a dictionary file (a registry's user-defined dictionary).</summary>
    public static NaaccrDictionary LoadFile(string path)
    {
        using var s = File.OpenRead(path);
        return Load(s);
    }

    /// <summary>Loads the shipped base dictionary for a version: "240", "250" or "260".</summary>
    public static NaaccrDictionary LoadShipped(string version)
    {
        using var s = ReferenceData.Open("reference", "naaccr", $"naaccr-dictionary-{version}.xml");
        return Load(s);
    }

    private static NaaccrDataType ParseType(string? t) => t switch
    {
        null or "" or "text" => NaaccrDataType.Text,
        "digits" => NaaccrDataType.Digits,
        "numeric" => NaaccrDataType.Numeric,
        "alpha" => NaaccrDataType.Alpha,
        "mixed" => NaaccrDataType.Mixed,
        "date" => NaaccrDataType.Date,
        "dateTime" => NaaccrDataType.DateTime,
        _ => throw new InvalidDataException($"Unknown NAACCR data type '{t}'."),
    };
}
