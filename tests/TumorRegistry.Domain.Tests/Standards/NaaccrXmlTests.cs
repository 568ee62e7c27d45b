using TumorRegistry.Standards;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Tests.Standards;

public class NaaccrXmlTests
{
    private static Stream Sample() => ReferenceData.Open("reference", "naaccr", "sample-v250-abstract-10.xml");

    [Fact]
    public void Reads_the_sample_abstract_file()
    {
        var (header, patients) = NaaccrXmlReader.ReadAll(Sample());
        Assert.Equal("http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml", header.BaseDictionaryUri);
        Assert.Equal("A", header.RecordType);
        Assert.Equal(10, patients.Sum(p => p.Tumors.Count));
        var first = patients[0];
        Assert.Equal("00000001", first["patientIdNumber"]);
        Assert.Equal("19730729", first["dateOfBirth"]);
        Assert.Equal("C501", first.Tumors[0]["primarySite"]);
    }

    [Fact]
    public void Round_trip_keeps_every_item()
    {
        var (header, patients) = NaaccrXmlReader.ReadAll(Sample());
        var buffer = new MemoryStream();
        NaaccrXmlWriter.WriteAll(buffer, header, patients);
        var (header2, patients2) = NaaccrXmlReader.ReadAll(new MemoryStream(buffer.ToArray()));

        Assert.Equal(header.BaseDictionaryUri, header2.BaseDictionaryUri);
        Assert.Equal(header.Items, header2.Items);
        Assert.Equal(patients.Count, patients2.Count);
        for (var i = 0; i < patients.Count; i++)
        {
            Assert.Equal(patients[i].Items, patients2[i].Items);
            Assert.Equal(patients[i].Tumors.Count, patients2[i].Tumors.Count);
            for (var t = 0; t < patients[i].Tumors.Count; t++)
                Assert.Equal(patients[i].Tumors[t].Items, patients2[i].Tumors[t].Items);
        }
        // Every Item element of the source is accounted for.
        using var raw = new StreamReader(Sample());
        var itemElements = System.Text.RegularExpressions.Regex.Matches(raw.ReadToEnd(), "<Item ").Count;
        Assert.Equal(itemElements, header2.Items.Count + patients2.Sum(p => p.Items.Count + p.Tumors.Sum(t => t.Items.Count)));
    }

    [Fact]
    public void Writes_special_characters_escaped_and_skips_blank_values()
    {
        var p = new NaaccrPatientRecord();
        p.Items["nameLast"] = "O'Brien & <Sons>";
        p.Items["nameFirst"] = "";
        var buffer = new MemoryStream();
        NaaccrXmlWriter.WriteAll(buffer, new NaaccrDataHeader(), [p]);
        Assert.Contains("&amp; &lt;Sons&gt;", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        var (_, back) = NaaccrXmlReader.ReadAll(new MemoryStream(buffer.ToArray()));
        Assert.Equal("O'Brien & <Sons>", back[0]["nameLast"]);
        Assert.False(back[0].Items.ContainsKey("nameFirst"));
    }

    [Fact]
    public void Written_files_are_valid_against_the_data_schema_1_8()
    {
        var (header, patients) = NaaccrXmlReader.ReadAll(Sample());
        var buffer = new MemoryStream();
        NaaccrXmlWriter.WriteAll(buffer, header, patients);

        var schemas = new System.Xml.Schema.XmlSchemaSet();
        using (var xsd = ReferenceData.Open("reference", "naaccr", "naaccr_data_1.8.xsd"))
            schemas.Add(null, System.Xml.XmlReader.Create(xsd));
        var errors = new List<string>();
        var settings = new System.Xml.XmlReaderSettings { ValidationType = System.Xml.ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using (var reader = System.Xml.XmlReader.Create(new MemoryStream(buffer.ToArray()), settings))
            while (reader.Read()) { }
        Assert.Equal([], errors);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_naaccr_xml()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("<Other/>");
        Assert.Throws<InvalidDataException>(() => new NaaccrXmlReader(new MemoryStream(bytes)));
    }
}
