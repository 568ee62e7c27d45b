using System.Xml;
using System.Xml.Linq;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// Streams a NAACCR XML data file (specification 1.8): the header first, then one Patient at a time,
/// so a central registry file of millions of tumors is never held in memory.
/// Extension elements (other namespaces) are skipped.
/// </summary>
public sealed class NaaccrXmlReader : IDisposable
{
    public const string Namespace = "http://naaccr.org/naaccrxml";
    private static readonly XNamespace Ns = Namespace;
    private readonly XmlReader _xml;
    private bool _atFirstPatient;

    public NaaccrXmlReader(Stream stream) : this(XmlReader.Create(stream, Settings)) { }

    public NaaccrXmlReader(TextReader text) : this(XmlReader.Create(text, Settings)) { }

    private NaaccrXmlReader(XmlReader xml)
    {
        _xml = xml;
        _xml.MoveToContent();
        if (_xml.LocalName != "NaaccrData" || _xml.NamespaceURI != Namespace)
            throw new InvalidDataException("Not a NAACCR XML data file: root element must be NaaccrData.");
        Header = new NaaccrDataHeader
        {
            BaseDictionaryUri = _xml.GetAttribute("baseDictionaryUri") ?? "",
            RecordType = _xml.GetAttribute("recordType") ?? "",
            SpecificationVersion = _xml.GetAttribute("specificationVersion") ?? "",
            TimeGenerated = _xml.GetAttribute("timeGenerated"),
            UserDictionaryUri = _xml.GetAttribute("userDictionaryUri"),
        };
        _xml.Read();
        // Root-level items come before the first Patient.
        while (!_xml.EOF && _xml.NodeType != XmlNodeType.EndElement)
        {
            if (_xml.NodeType != XmlNodeType.Element) { _xml.Read(); continue; }
            if (IsNaaccr("Patient")) { _atFirstPatient = true; break; }
            var element = (XElement)XNode.ReadFrom(_xml);
            if (element.Name == Ns + "Item") AddItem(Header, element);
        }
    }

    public NaaccrDataHeader Header { get; }

    /// <summary>Reads the patients one by one; enumerate once.</summary>
    public IEnumerable<NaaccrPatientRecord> Patients()
    {
        if (!_atFirstPatient) yield break;
        while (!_xml.EOF)
        {
            if (_xml.NodeType == XmlNodeType.Element && IsNaaccr("Patient"))
                yield return ToPatient((XElement)XNode.ReadFrom(_xml));
            else if (_xml.NodeType == XmlNodeType.EndElement && _xml.LocalName == "NaaccrData") yield break;
            else _xml.Read();
        }
    }

    /// <summary>Reads a whole (small) file: header and all patients.</summary>
    public static (NaaccrDataHeader Header, List<NaaccrPatientRecord> Patients) ReadAll(Stream stream)
    {
        using var reader = new NaaccrXmlReader(stream);
        return (reader.Header, reader.Patients().ToList());
    }

    public void Dispose() => _xml.Dispose();

    private bool IsNaaccr(string name) => _xml.LocalName == name && _xml.NamespaceURI == Namespace;

    private static NaaccrPatientRecord ToPatient(XElement e)
    {
        var patient = new NaaccrPatientRecord();
        foreach (var child in e.Elements())
        {
            if (child.Name == Ns + "Item") AddItem(patient, child);
            else if (child.Name == Ns + "Tumor")
            {
                var tumor = new NaaccrTumorRecord();
                foreach (var item in child.Elements(Ns + "Item")) AddItem(tumor, item);
                patient.Tumors.Add(tumor);
            }
        }
        return patient;
    }

    private static void AddItem(NaaccrItems target, XElement item)
    {
        var id = (string?)item.Attribute("naaccrId")
            ?? throw new InvalidDataException("Item without naaccrId.");
        target.Items[id] = item.Value;
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        IgnoreComments = true,
        IgnoreWhitespace = true,
        DtdProcessing = DtdProcessing.Prohibit,
    };
}
