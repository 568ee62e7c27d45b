using System.Text;
using System.Xml;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// Writes a NAACCR XML data file (specification 1.8) one patient at a time, flushing as it goes, so an export of any
/// size holds one record in memory. Blank values are not written, as the specification asks. Dispose (or
/// <see cref="Complete"/>) closes the root element.
/// </summary>
public sealed class NaaccrXmlWriter : IDisposable
{
    private readonly XmlWriter _xml;
    private bool _completed;

    public NaaccrXmlWriter(TextWriter text, NaaccrDataHeader header)
        : this(XmlWriter.Create(text, Settings), header) { }

    /// <summary>UTF-8 (no byte order mark) onto a stream, which stays open after Dispose.</summary>
    public NaaccrXmlWriter(Stream stream, NaaccrDataHeader header)
        : this(XmlWriter.Create(stream, Settings), header) { }

    private NaaccrXmlWriter(XmlWriter xml, NaaccrDataHeader header)
    {
        _xml = xml;
        _xml.WriteStartDocument();
        _xml.WriteStartElement("NaaccrData", NaaccrXmlReader.Namespace);
        _xml.WriteAttributeString("baseDictionaryUri", header.BaseDictionaryUri);
        if (header.UserDictionaryUri is { Length: > 0 } user) _xml.WriteAttributeString("userDictionaryUri", user);
        _xml.WriteAttributeString("recordType", header.RecordType);
        if (header.TimeGenerated is { Length: > 0 } time) _xml.WriteAttributeString("timeGenerated", time);
        _xml.WriteAttributeString("specificationVersion", header.SpecificationVersion);
        WriteItems(header);
    }

    public int PatientsWritten { get; private set; }
    public int TumorsWritten { get; private set; }

    public void WritePatient(NaaccrPatientRecord patient)
    {
        _xml.WriteStartElement("Patient", NaaccrXmlReader.Namespace);
        WriteItems(patient);
        foreach (var tumor in patient.Tumors)
        {
            _xml.WriteStartElement("Tumor", NaaccrXmlReader.Namespace);
            WriteItems(tumor);
            _xml.WriteEndElement();
            TumorsWritten++;
        }
        _xml.WriteEndElement();
        PatientsWritten++;
    }

    /// <summary>Closes the document; called by Dispose when not called before.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
    }

    public void Dispose()
    {
        Complete();
        _xml.Dispose();
    }

    /// <summary>Writes a whole file.</summary>
    public static void WriteAll(TextWriter text, NaaccrDataHeader header, IEnumerable<NaaccrPatientRecord> patients)
    {
        using var writer = new NaaccrXmlWriter(text, header);
        foreach (var p in patients) writer.WritePatient(p);
    }

    /// <summary>Writes a whole file as UTF-8.</summary>
    public static void WriteAll(Stream stream, NaaccrDataHeader header, IEnumerable<NaaccrPatientRecord> patients)
    {
        using var writer = new NaaccrXmlWriter(stream, header);
        foreach (var p in patients) writer.WritePatient(p);
    }

    private void WriteItems(NaaccrItems items)
    {
        foreach (var (id, value) in items.Items)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            _xml.WriteStartElement("Item", NaaccrXmlReader.Namespace);
            _xml.WriteAttributeString("naaccrId", id);
            _xml.WriteString(value);
            _xml.WriteEndElement();
        }
    }

    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true, IndentChars = "    ", Encoding = new UTF8Encoding(false), CloseOutput = false,
    };
}
