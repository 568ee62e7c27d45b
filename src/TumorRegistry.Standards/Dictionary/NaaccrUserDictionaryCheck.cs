using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Standards.Dictionary;

/// <summary>One thing wrong with an uploaded user dictionary: the item (naaccrId, or "dictionary" for the root) and why.</summary>
public sealed record NaaccrDictionaryProblem(string Item, string Message);

/// <summary>
/// Checks a user-defined NAACCR dictionary before a registry keeps it (naaccr_dictionary_1.8.xsd and the exchange
/// standard's rules): a NaaccrDictionary root with its dictionaryUri, every ItemDef with naaccrId, naaccrNum, length,
/// parentXmlElement and a known dataType, no item twice, and no naaccrId or naaccrNum a base dictionary (v24-v26) or
/// another kept user dictionary already uses, so an item means one thing whichever dictionary a file names.
/// </summary>
public static partial class NaaccrUserDictionaryCheck
{
    private static readonly string[] DataTypes = ["text", "digits", "numeric", "alpha", "mixed", "date", "dateTime"];
    private static readonly string[] RecordTypes = ["A", "M", "C", "I"];

    public static (NaaccrDictionary? Dictionary, IReadOnlyList<NaaccrDictionaryProblem> Problems) Check(Stream xml,
        IEnumerable<NaaccrDictionary> bases, IEnumerable<NaaccrDictionary> otherUserDictionaries)
    {
        var problems = new List<NaaccrDictionaryProblem>();
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return (null, [new("dictionary", $"Not well-formed XML at line {e.LineNumber}.")]);
        }
        XNamespace ns = NaaccrXmlReader.Namespace;
        var root = doc.Root!;
        if (root.Name != ns + "NaaccrDictionary")
            return (null, [new("dictionary", $"The root element must be NaaccrDictionary in namespace {ns.NamespaceName}.")]);
        var uri = ((string?)root.Attribute("dictionaryUri"))?.Trim() ?? "";
        var baseList = bases.ToList();
        if (uri.Length == 0) problems.Add(new("dictionary", "The required attribute dictionaryUri is missing."));
        else if (baseList.Any(b => SameUri(b.DictionaryUri, uri)))
            problems.Add(new("dictionary", $"{uri} is a base dictionary; a user dictionary needs a URI of its own."));
        var defs = root.Element(ns + "ItemDefs")?.Elements(ns + "ItemDef").ToList() ?? [];
        if (defs.Count == 0) problems.Add(new("dictionary", "The dictionary has no ItemDef (ItemDefs/ItemDef)."));

        var others = otherUserDictionaries.Where(d => !SameUri(d.DictionaryUri, uri)).ToList();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenNums = new HashSet<int>();
        foreach (var (def, position) in defs.Select((d, i) => (d, i + 1)))
        {
            var id = ((string?)def.Attribute("naaccrId"))?.Trim() ?? "";
            var name = id.Length > 0 ? id : $"ItemDef {position}";
            void Problem(string message) => problems.Add(new(name, $"{name} (line {((IXmlLineInfo)def).LineNumber}): {message}"));
            if (id.Length == 0) Problem("naaccrId is missing.");
            else if (!IdPattern().IsMatch(id)) Problem("naaccrId must start with a letter and hold only letters and digits.");
            else if (!seenIds.Add(id)) Problem("the naaccrId appears twice in the dictionary.");

            var num = (string?)def.Attribute("naaccrNum");
            int? number = int.TryParse(num, out var n) && n > 0 ? n : null;
            if (num is null) Problem("naaccrNum is missing.");
            else if (number is null) Problem("naaccrNum must be a positive whole number.");
            else if (!seenNums.Add(n)) Problem($"naaccrNum {n} appears twice in the dictionary.");

            var length = (string?)def.Attribute("length");
            if (length is null) Problem("length is missing.");
            else if (!int.TryParse(length, out var l) || l <= 0) Problem("length must be a positive whole number.");

            var parent = (string?)def.Attribute("parentXmlElement");
            if (parent is null) Problem("parentXmlElement is missing.");
            else if (parent is not ("NaaccrData" or "Patient" or "Tumor"))
                Problem("parentXmlElement must be NaaccrData, Patient or Tumor.");

            if ((string?)def.Attribute("dataType") is { } type && !DataTypes.Contains(type))
                Problem($"dataType must be one of {string.Join(", ", DataTypes)}.");
            if ((string?)def.Attribute("recordTypes") is { } types && types.Split(',').Any(t => !RecordTypes.Contains(t.Trim())))
                Problem("recordTypes lists record types A, M, C or I, separated by commas.");

            // The newest base dictionary first, and one clash named per item: the same item is in v24, v25 and v26.
            foreach (var d in baseList.AsEnumerable().Reverse().Concat(others))
            {
                var label = baseList.Contains(d) ? $"base dictionary {d.Version}" : $"user dictionary {d.DictionaryUri}";
                if (id.Length > 0 && d.Find(id) is { } sameId)
                    Problem($"naaccrId {id} is already {sameId.Name} [{sameId.NaaccrNum}] of {label}.");
                else if (number is { } k && d.Find(k) is { } sameNum)
                    Problem($"naaccrNum {k} is already {sameNum.Name} ({sameNum.NaaccrId}) of {label}.");
                else continue;
                break;
            }
        }
        if (problems.Count > 0) return (null, problems);
        return (NaaccrDictionary.From(doc), []);
    }

    public static bool SameUri(string a, string b) =>
        string.Equals(Strip(a), Strip(b), StringComparison.OrdinalIgnoreCase);

    private static string Strip(string uri) => uri.Trim().Replace("https://", "http://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex IdPattern();
}
