using System.Text;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Tests.Standards;

/// <summary>The reader's strict and relaxed validation, encodings and size bounds (fixtures/naaccr-invalid).</summary>
public class NaaccrXmlValidationTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Standards", "fixtures", "naaccr-invalid", name);

    private static (NaaccrXmlReader Reader, List<NaaccrPatientRecord> Patients) Read(string file, NaaccrReadOptions options)
    {
        var reader = new NaaccrXmlReader(File.OpenRead(Fixture(file)), options);
        return (reader, reader.Patients().ToList());
    }

    [Theory]
    [InlineData("unknown-attribute.xml", NaaccrProblemKind.UnknownAttribute, 21, "primarySite")]
    [InlineData("unknown-tag.xml", NaaccrProblemKind.UnknownElement, 22, null)]
    [InlineData("extension-without-namespace.xml", NaaccrProblemKind.UnknownElement, 22, null)]
    [InlineData("unknown-item.xml", NaaccrProblemKind.UnknownItem, 21, "primarySiteLocal")]
    [InlineData("naaccr-num-mismatch.xml", NaaccrProblemKind.NumberMismatch, 21, "primarySite")]
    [InlineData("too-long-value.xml", NaaccrProblemKind.TooLong, 21, "primarySite")]
    public void Strict_mode_refuses_the_faulty_record_with_its_line_patient_tumor_and_item(string file, NaaccrProblemKind kind, int line, string? item)
    {
        var (reader, patients) = Read(file, NaaccrReadOptions.Strict);
        using var _ = reader;

        Assert.Empty(reader.FileProblems);
        Assert.Equal(2, patients.Count);
        Assert.False(patients[0].Refused);
        Assert.True(patients[1].Refused);
        var problem = Assert.Single(patients[1].Problems);
        Assert.Equal((kind, line, 2, 2, item), (problem.Kind, problem.Line, problem.Patient!.Value, problem.Tumor!.Value, problem.Item));
        Assert.Contains($"line {line}, patient record 2, tumor 2", problem.ToString());
        // The messages name no identifying value: the record is named by its position only.
        Assert.DoesNotContain("00000102", problem.ToString());
    }

    [Theory]
    [InlineData("missing-base-dictionary-uri.xml", "baseDictionaryUri")]
    [InlineData("missing-specification-version.xml", "specificationVersion")]
    public void Strict_mode_refuses_a_file_without_a_required_root_attribute(string file, string attribute)
    {
        var (reader, _) = Read(file, NaaccrReadOptions.Strict);
        using var _r = reader;
        Assert.True(reader.FileRefused);
        var problem = Assert.Single(reader.FileProblems);
        Assert.Equal((NaaccrProblemKind.MissingAttribute, 2, (int?)null, attribute), (problem.Kind, problem.Line, problem.Patient, problem.Item));
    }

    [Theory]
    [InlineData("unknown-attribute.xml")]
    [InlineData("unknown-tag.xml")]
    [InlineData("unknown-item.xml")]
    [InlineData("naaccr-num-mismatch.xml")]
    [InlineData("too-long-value.xml")]
    [InlineData("missing-base-dictionary-uri.xml")]
    public void Relaxed_mode_reports_the_same_problems_and_keeps_the_records(string file)
    {
        var (reader, patients) = Read(file, NaaccrReadOptions.Relaxed);
        using var _ = reader;
        Assert.False(reader.FileRefused);
        Assert.All(patients, p => Assert.False(p.Refused));
        Assert.NotEmpty(reader.FileProblems.Concat(patients[1].Problems));
        Assert.Equal("C619", patients[1].Tumors[0]["primarySite"]);
    }

    [Fact]
    public void An_extension_in_its_own_namespace_is_skipped_without_a_problem()
    {
        var (reader, patients) = Read("valid-with-extension.xml", NaaccrReadOptions.Strict);
        using var _ = reader;
        Assert.Empty(reader.FileProblems);
        Assert.All(patients, p => Assert.Empty(p.Problems));
        Assert.Equal("C341", patients[1].Tumors[1]["primarySite"]);
        Assert.Equal("0000001234", reader.Header["registryId"]);
    }

    [Fact]
    public void Items_of_a_user_dictionary_the_file_names_pass_strict_validation_and_are_unknown_without_it()
    {
        const string dictionary = """
            <NaaccrDictionary dictionaryUri="http://registry.example/naaccr/user-dictionary-1.xml" specificationVersion="1.8" xmlns="http://naaccr.org/naaccrxml">
              <ItemDefs><ItemDef naaccrId="stateLinkageFlag" naaccrNum="9501" length="1" dataType="digits" parentXmlElement="Patient"/></ItemDefs>
            </NaaccrDictionary>
            """;
        var user = TumorRegistry.Standards.Dictionary.NaaccrDictionary.Load(new MemoryStream(Encoding.UTF8.GetBytes(dictionary)));
        var xml = Xml("UTF-8", "Linked").Replace("specificationVersion=\"1.8\"", "specificationVersion=\"1.8\" userDictionaryUri=\"http://registry.example/naaccr/user-dictionary-1.xml\"")
            .Replace("</Patient>", "<Item naaccrId=\"stateLinkageFlag\" naaccrNum=\"9501\">1</Item></Patient>");

        using var with = new NaaccrXmlReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)), NaaccrReadOptions.Strict with { UserDictionaries = [user] });
        var patients = with.Patients().ToList();
        Assert.Empty(with.FileProblems);
        Assert.Empty(patients[0].Problems);
        Assert.Equal("1", patients[0]["stateLinkageFlag"]);

        using var without = new NaaccrXmlReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)), NaaccrReadOptions.Strict);
        var refused = without.Patients().ToList();
        Assert.Equal(NaaccrProblemKind.UnknownDictionary, Assert.Single(without.FileProblems).Kind);
        Assert.Equal(NaaccrProblemKind.UnknownItem, Assert.Single(refused[0].Problems).Kind);
    }

    [Fact]
    public void The_shared_v25_sample_passes_strict_validation()
    {
        using var reader = new NaaccrXmlReader(ReferenceData.Open("reference", "naaccr", "sample-v250-abstract-10.xml"), NaaccrReadOptions.Strict);
        var patients = reader.Patients().ToList();
        Assert.Empty(reader.FileProblems);
        Assert.Equal([], patients.SelectMany(p => p.Problems).Select(p => p.ToString()));
        Assert.Equal(10, patients.Sum(p => p.Tumors.Count));
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("Cp1252")]
    [InlineData("ISO-8859-1")]
    public void Legacy_encodings_are_converted_with_accented_names_intact(string encoding)
    {
        NaaccrEncodings.Register();
        var bytes = Encoding.GetEncoding(encoding == "Cp1252" ? "windows-1252" : encoding).GetBytes(Xml(encoding, "Muñoz-Gérard"));
        Assert.Contains((byte)0xF1, bytes); // ñ is one byte, not UTF-8
        var (_, patients) = NaaccrXmlReader.ReadAll(new MemoryStream(bytes));
        Assert.Equal("Muñoz-Gérard", patients[0]["nameLast"]);
        Assert.Empty(patients[0].Problems);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UTF8_is_read_with_or_without_a_byte_order_mark(bool bom)
    {
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(Xml("UTF-8", "Ørsted-Ñáñez"))).ToArray();
        var (_, patients) = NaaccrXmlReader.ReadAll(new MemoryStream(bytes));
        Assert.Equal("Ørsted-Ñáñez", patients[0]["nameLast"]);
    }

    [Fact]
    public void A_200_MB_item_refuses_its_record_with_a_clear_error_in_bounded_memory_and_the_next_record_reads()
    {
        var head = Encoding.UTF8.GetBytes(Xml("UTF-8", "Big").Replace("</NaaccrData>", "") + "<Patient><Item naaccrId=\"patientIdNumber\">00000002</Item><Item naaccrId=\"textRemarks\">");
        var tail = Encoding.UTF8.GetBytes("</Item></Patient><Patient><Item naaccrId=\"patientIdNumber\">00000003</Item></Patient></NaaccrData>");
        using var stream = new GeneratedStream(head, (byte)'x', 200L * 1024 * 1024, tail);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        using var reader = new NaaccrXmlReader(stream);
        var patients = reader.Patients().ToList();

        Assert.Equal(3, patients.Count);
        var problem = Assert.Single(patients[1].Problems);
        Assert.Equal((NaaccrProblemKind.TooLarge, "textRemarks", true), (problem.Kind, problem.Item, problem.Refuses));
        Assert.Contains("longer than the 1,048,576 characters", problem.Message);
        Assert.Equal("00000003", patients[2]["patientIdNumber"]);
        Assert.False(patients[2].Refused);
        // 200 MB of text read through an 8 KB chunk: far less allocated than the value itself (400 MB as UTF-16).
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocated < 64L * 1024 * 1024);
    }

    [Fact]
    public void A_DTD_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE NaaccrData [<!ENTITY x \"boom\">]>" + Xml("UTF-8", "&x;").Split("?>", 2)[1];
        Assert.Throws<System.Xml.XmlException>(() => NaaccrXmlReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
    }

    private static string Xml(string encoding, string nameLast) => $"""
        <?xml version="1.0" encoding="{encoding}"?>
        <NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="A" specificationVersion="1.8" xmlns="http://naaccr.org/naaccrxml">
          <Patient><Item naaccrId="patientIdNumber">00000001</Item><Item naaccrId="nameLast">{nameLast}</Item></Patient>
        </NaaccrData>
        """;

    /// <summary>head, then <c>count</c> copies of one byte, then tail: a huge file without the disk or the memory.</summary>
    private sealed class GeneratedStream(byte[] head, byte fill, long count, byte[] tail) : Stream
    {
        private long _position;
        private long Length_ => head.Length + count + tail.Length;

        public override int Read(byte[] buffer, int offset, int size)
        {
            var n = 0;
            while (n < size && _position < Length_)
            {
                var p = _position;
                if (p < head.Length) buffer[offset + n] = head[p];
                else if (p < head.Length + count)
                {
                    var run = (int)Math.Min(size - n, head.Length + count - p);
                    buffer.AsSpan(offset + n, run).Fill(fill);
                    n += run; _position += run; continue;
                }
                else buffer[offset + n] = tail[p - head.Length - count];
                n++; _position++;
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Length_;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
