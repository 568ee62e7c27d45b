using System.Text;
using System.Xml;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// Streams a NAACCR XML data file (specification 1.0-1.8) on an <see cref="XmlReader"/>: the root first, then one
/// Patient at a time, so memory stays bounded by the largest record whatever the file's size. Item values are read in
/// chunks and given up past <see cref="NaaccrReadOptions.MaxItemChars"/>, so a huge value costs no memory.
/// Every problem is attached to its record with line, patient, tumor and item; extension elements in other
/// namespaces are skipped; no DTD, no entity expansion beyond XML's own five.
/// </summary>
public sealed class NaaccrXmlReader : IDisposable
{
    public const string Namespace = "http://naaccr.org/naaccrxml";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private static readonly string[] RootAttributes = ["baseDictionaryUri", "userDictionaryUri", "recordType", "timeGenerated", "specificationVersion"];
    private static readonly string[] SupportedSpecifications = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"];

    private readonly XmlReader _xml;
    private readonly IXmlLineInfo _lines;
    private readonly NaaccrReadOptions _options;
    private readonly char[] _chunk = new char[8192];
    private readonly List<NaaccrDictionary> _dictionaries = [];
    private int _patients;
    private bool _atPatients;

    static NaaccrXmlReader() => NaaccrEncodings.Register();

    public NaaccrXmlReader(Stream stream, NaaccrReadOptions? options = null) : this(XmlReader.Create(stream, Settings), options) { }

    public NaaccrXmlReader(TextReader text, NaaccrReadOptions? options = null) : this(XmlReader.Create(text, Settings), options) { }

    private NaaccrXmlReader(XmlReader xml, NaaccrReadOptions? options)
    {
        _xml = xml;
        _lines = (IXmlLineInfo)xml;
        _options = options ?? NaaccrReadOptions.Strict;
        _xml.MoveToContent();
        if (_xml.LocalName != "NaaccrData" || _xml.NamespaceURI != Namespace)
            throw new InvalidDataException("Not a NAACCR XML data file: root element must be NaaccrData in namespace " + Namespace + ".");
        Header = new NaaccrDataHeader { Line = _lines.LineNumber };
        ReadRoot();
    }

    public NaaccrDataHeader Header { get; }

    /// <summary>The base dictionary the file names (v25 when it names none or an unknown one, in relaxed mode).</summary>
    public NaaccrDictionary BaseDictionary { get; private set; } = null!;

    /// <summary>Problems of the root element and between patients; in strict mode a refusing one refuses the file.</summary>
    public List<NaaccrProblem> FileProblems { get; } = [];

    public bool FileRefused => FileProblems.Any(p => p.Refuses);

    /// <summary>Reads the patients one by one; enumerate once.</summary>
    public IEnumerable<NaaccrPatientRecord> Patients()
    {
        if (!_atPatients) yield break;
        while (!_xml.EOF)
        {
            if (_xml.NodeType == XmlNodeType.Element)
            {
                if (IsNaaccr("Patient")) yield return ReadPatient();
                else SkipElement(FileProblems, null, null, "NaaccrData");
            }
            else if (_xml.NodeType == XmlNodeType.EndElement) yield break;
            else _xml.Read();
        }
    }

    /// <summary>Reads a whole (small) file: header and all patients.</summary>
    public static (NaaccrDataHeader Header, List<NaaccrPatientRecord> Patients) ReadAll(Stream stream, NaaccrReadOptions? options = null)
    {
        using var reader = new NaaccrXmlReader(stream, options);
        return (reader.Header, reader.Patients().ToList());
    }

    public void Dispose() => _xml.Dispose();

    private bool Strict => _options.Mode == NaaccrReadMode.Strict;

    private bool IsNaaccr(string name) => _xml.LocalName == name && _xml.NamespaceURI == Namespace;

    private void ReadRoot()
    {
        var line = _lines.LineNumber;
        CheckAttributes(FileProblems, null, null, RootAttributes);
        Header.BaseDictionaryUri = _xml.GetAttribute("baseDictionaryUri") ?? "";
        Header.RecordType = _xml.GetAttribute("recordType") ?? "";
        Header.SpecificationVersion = _xml.GetAttribute("specificationVersion") ?? "";
        Header.TimeGenerated = _xml.GetAttribute("timeGenerated");
        Header.UserDictionaryUri = _xml.GetAttribute("userDictionaryUri");

        var bases = _options.BaseDictionaries ?? NaaccrStandards.Default.Dictionaries;
        var fallback = bases.GetValueOrDefault("250") ?? bases.Values.Last();
        if (Header.BaseDictionaryUri.Length == 0)
            Root(line, "baseDictionaryUri", NaaccrProblemKind.MissingAttribute, "The required attribute baseDictionaryUri is missing.");
        var named = bases.Values.FirstOrDefault(d => SameUri(d.DictionaryUri, Header.BaseDictionaryUri));
        if (named is null && Header.BaseDictionaryUri.Length > 0)
            Root(line, "baseDictionaryUri", NaaccrProblemKind.UnknownDictionary,
                $"Base dictionary {Header.BaseDictionaryUri} is not known (known: {string.Join(", ", bases.Values.Select(d => d.DictionaryUri))}).");
        BaseDictionary = named ?? fallback;
        _dictionaries.Add(BaseDictionary);

        foreach (var uri in (Header.UserDictionaryUri ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var user = _options.UserDictionaries.FirstOrDefault(d => SameUri(d.DictionaryUri, uri));
            if (user is null) Root(line, "userDictionaryUri", NaaccrProblemKind.UnknownDictionary, $"User dictionary {uri} was not given to the reader.");
            else _dictionaries.Add(user);
        }
        if (Header.SpecificationVersion.Length == 0)
            Root(line, "specificationVersion", NaaccrProblemKind.MissingAttribute, "The required attribute specificationVersion is missing.");
        else if (!SupportedSpecifications.Contains(Header.SpecificationVersion))
            Root(line, "specificationVersion", NaaccrProblemKind.UnsupportedSpecification,
                $"Specification version {ErrorText.Quote(Header.SpecificationVersion)} is not supported (1.0 to 1.8).");
        if (Header.RecordType.Length == 0)
            Root(line, "recordType", NaaccrProblemKind.MissingAttribute, "The required attribute recordType is missing.");
        else if (Header.RecordType is not ("A" or "M" or "C" or "I"))
            Root(line, "recordType", NaaccrProblemKind.BadValue, $"Record type {ErrorText.Quote(Header.RecordType)} is not A, M, C or I.");

        if (_xml.IsEmptyElement) { _xml.Read(); return; }
        _xml.Read();
        var size = 0;
        while (!_xml.EOF && _xml.NodeType != XmlNodeType.EndElement)
        {
            if (_xml.NodeType != XmlNodeType.Element) { _xml.Read(); continue; }
            if (IsNaaccr("Patient")) { _atPatients = true; return; }
            if (IsNaaccr("Item")) ReadItem(Header, NaaccrParent.NaaccrData, FileProblems, null, null, ref size);
            else SkipElement(FileProblems, null, null, "NaaccrData");
        }
    }

    private NaaccrPatientRecord ReadPatient()
    {
        var patient = new NaaccrPatientRecord { Index = ++_patients, Line = _lines.LineNumber };
        var problems = patient.Problems;
        CheckAttributes(problems, patient.Index, null, []);
        if (_xml.IsEmptyElement) { _xml.Read(); return patient; }
        var depth = _xml.Depth;
        var size = 0;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth) && !_xml.EOF)
        {
            if (_xml.NodeType != XmlNodeType.Element) { _xml.Read(); continue; }
            if (IsNaaccr("Item"))
            {
                if (patient.Tumors.Count > 0)
                    Add(problems, patient.Index, null, _xml.GetAttribute("naaccrId"), NaaccrProblemKind.UnknownElement,
                        "Patient items come before the first Tumor.");
                ReadItem(patient, NaaccrParent.Patient, problems, patient.Index, null, ref size);
            }
            else if (IsNaaccr("Tumor"))
            {
                if (patient.Tumors.Count >= _options.MaxTumorsPerPatient)
                {
                    Add(problems, patient.Index, patient.Tumors.Count + 1, null, NaaccrProblemKind.TooLarge,
                        $"More than {_options.MaxTumorsPerPatient} tumors in one patient record.", refuses: true);
                    _xml.Skip();
                }
                else patient.Tumors.Add(ReadTumor(problems, patient.Index, patient.Tumors.Count + 1, ref size));
            }
            else SkipElement(problems, patient.Index, null, "Patient");
        }
        _xml.Read();
        return patient;
    }

    private NaaccrTumorRecord ReadTumor(List<NaaccrProblem> problems, int patient, int index, ref int size)
    {
        var tumor = new NaaccrTumorRecord { Line = _lines.LineNumber };
        CheckAttributes(problems, patient, index, []);
        if (_xml.IsEmptyElement) { _xml.Read(); return tumor; }
        var depth = _xml.Depth;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth) && !_xml.EOF)
        {
            if (_xml.NodeType != XmlNodeType.Element) { _xml.Read(); continue; }
            if (IsNaaccr("Item")) ReadItem(tumor, NaaccrParent.Tumor, problems, patient, index, ref size);
            else SkipElement(problems, patient, index, "Tumor");
        }
        _xml.Read();
        return tumor;
    }

    private void ReadItem(NaaccrItems target, NaaccrParent parent, List<NaaccrProblem> problems, int? patient, int? tumor, ref int size)
    {
        var line = _lines.LineNumber;
        var id = _xml.GetAttribute("naaccrId");
        CheckAttributes(problems, patient, tumor, ["naaccrId", "naaccrNum"], id);
        var num = _xml.GetAttribute("naaccrNum");
        var (value, tooLarge) = ReadValue(problems, patient, tumor, id);
        if (string.IsNullOrEmpty(id))
        {
            Add(problems, patient, tumor, null, NaaccrProblemKind.MissingItemId, "An Item has no naaccrId.", line, refuses: true);
            return;
        }
        if (tooLarge)
        {
            Add(problems, patient, tumor, id, NaaccrProblemKind.TooLarge,
                $"The value is longer than the {_options.MaxItemChars:N0} characters an item may have; it was not read.", line, refuses: true);
            return;
        }
        size += value.Length;
        if (size > _options.MaxRecordChars)
        {
            if (size - value.Length <= _options.MaxRecordChars)
                Add(problems, patient, tumor, id, NaaccrProblemKind.TooLarge,
                    $"The record's values exceed {_options.MaxRecordChars:N0} characters; the rest was not read.", line, refuses: true);
            return;
        }
        value = value.Trim();
        var def = Find(id);
        if (def is null)
            Add(problems, patient, tumor, id, NaaccrProblemKind.UnknownItem,
                $"'{id}' is not an item of dictionary {BaseDictionary.Version}" + (_dictionaries.Count > 1 ? " or the user dictionaries." : "."), line);
        else
        {
            if (num is not null && (!int.TryParse(num, out var n) || n != def.NaaccrNum))
                Add(problems, patient, tumor, id, NaaccrProblemKind.NumberMismatch,
                    $"naaccrNum {ErrorText.Quote(num)} does not match {def.Name} [{def.NaaccrNum}].", line);
            if (def.Parent != parent)
                Add(problems, patient, tumor, id, NaaccrProblemKind.WrongParent,
                    $"{def.Name} [{def.NaaccrNum}] is a {def.Parent} item, found in {parent}.", line, refuses: true);
            if (value.Length > def.Length && !def.AllowUnlimitedText)
                Add(problems, patient, tumor, id, NaaccrProblemKind.TooLong,
                    $"{def.Name} [{def.NaaccrNum}] is at most {def.Length} characters; {ErrorText.Quote(value)} has {value.Length}.", line);
            else if (value.Length > 0 && NaaccrValueCheck.TypeError(def, value) is { } typeError)
                Add(problems, patient, tumor, id, NaaccrProblemKind.BadValue, typeError, line);
        }
        if (!target.Items.TryAdd(id, value))
            Add(problems, patient, tumor, id, NaaccrProblemKind.DuplicateItem, "The item appears twice in the same element.", line);
    }

    /// <summary>The element's text, in chunks; past the bound the rest is read and dropped so memory stays flat.</summary>
    private (string Value, bool TooLarge) ReadValue(List<NaaccrProblem> problems, int? patient, int? tumor, string? id)
    {
        if (_xml.IsEmptyElement) { _xml.Read(); return ("", false); }
        var depth = _xml.Depth;
        var text = new StringBuilder();
        var tooLarge = false;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth) && !_xml.EOF)
        {
            if (_xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = _xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    if (tooLarge) continue;
                    if (text.Length + read > _options.MaxItemChars) { tooLarge = true; text.Clear(); }
                    else text.Append(_chunk, 0, read);
                }
                _xml.Read();
            }
            else if (_xml.NodeType == XmlNodeType.Element) SkipElement(problems, patient, tumor, "Item " + id);
            else _xml.Read();
        }
        _xml.Read();
        return (tooLarge ? "" : text.ToString(), tooLarge);
    }

    private NaaccrItemDef? Find(string id)
    {
        foreach (var d in _dictionaries)
            if (d.Find(id) is { } def) return def;
        return null;
    }

    private void SkipElement(List<NaaccrProblem> problems, int? patient, int? tumor, string within)
    {
        // Extensions live in their own namespace and are skipped unread; anything else is not NAACCR XML.
        if (_xml.NamespaceURI.Length > 0 && _xml.NamespaceURI != Namespace) { _xml.Skip(); return; }
        var name = _xml.NamespaceURI.Length == 0 ? $"{_xml.LocalName} (no namespace)" : _xml.LocalName;
        Add(problems, patient, tumor, null, NaaccrProblemKind.UnknownElement,
            $"Element {name} is not part of NAACCR XML in {within}; an extension needs its own namespace.");
        _xml.Skip();
    }

    private void CheckAttributes(List<NaaccrProblem> problems, int? patient, int? tumor, string[] known, string? item = null)
    {
        if (!_xml.MoveToFirstAttribute()) return;
        do
        {
            if (_xml.NamespaceURI.Length > 0) continue; // xmlns declarations and extension attributes
            if (!known.Contains(_xml.LocalName))
                Add(problems, patient, tumor, item, NaaccrProblemKind.UnknownAttribute, $"Attribute {_xml.LocalName} is not part of NAACCR XML.");
        } while (_xml.MoveToNextAttribute());
        _xml.MoveToElement();
    }

    private void Root(int line, string attribute, NaaccrProblemKind kind, string message) =>
        Add(FileProblems, null, null, attribute, kind, message, line);

    private void Add(List<NaaccrProblem> problems, int? patient, int? tumor, string? item, NaaccrProblemKind kind, string message,
        int? line = null, bool refuses = false) =>
        problems.Add(new NaaccrProblem(line ?? _lines.LineNumber, patient, tumor, item, kind, message, refuses || Strict));

    private static bool SameUri(string a, string b) =>
        string.Equals(Strip(a), Strip(b), StringComparison.OrdinalIgnoreCase);

    private static string Strip(string uri) => uri.Trim().Replace("https://", "http://", StringComparison.OrdinalIgnoreCase);

    private static readonly XmlReaderSettings Settings = new()
    {
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = false,
    };
}
