using System.Text;
using System.Xml.Linq;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>The import as batches that match instead of duplicating, against a real PostgreSQL.</summary>
public sealed class NaaccrMatchingImportTests(DatabaseFixture db) : NaaccrImporterTests(db), IClassFixture<DatabaseFixture>
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml");
    private static string Invalid(string name) => Path.Combine(AppContext.BaseDirectory, "Exchange", "fixtures", "naaccr-invalid", name);
    private static NaaccrImportRequest Request(string file, bool again = false) =>
        new(file, "Hospital A", new EventMetadata("ctr.import")) { Again = again };

    [Fact]
    public async Task Importing_the_same_file_twice_adds_no_event_the_second_time_and_a_resent_file_is_recognised()
    {
        var xml = Unique(await File.ReadAllTextAsync(Sample), "A1");
        var first = await ImportText(xml, "twice.xml", again: false);
        Assert.Equal((NaaccrXmlImporter.Completed, 8, 10, 0), (first.Status, first.PatientsCreated, first.TumorsCreated, first.RecordsRefused));
        var events = await Count("select count(*) from marten.mt_events");

        // The same bytes again: recognised, nothing applied.
        var resent = await ImportText(xml, "twice-again.xml", again: false);
        Assert.Equal((NaaccrXmlImporter.AlreadyImported, first.BatchId), (resent.Status, resent.SameFileAs!.Value));
        Assert.Equal(events, await Count("select count(*) from marten.mt_events"));

        // Applied again anyway (the matching path): every patient and tumor matches, every value is the same.
        var again = await ImportText(xml, "twice-again.xml", again: true);
        Assert.Equal((NaaccrXmlImporter.Completed, 0, 8, 0, 10, 0), (again.Status, again.PatientsCreated, again.PatientsMatched,
            again.TumorsCreated, again.TumorsMatched, again.ItemsCorrected));
        Assert.Equal(events, await Count("select count(*) from marten.mt_events"));
        Assert.Equal(3L, await Count($"select count(*) from naaccr_import_batches where file_hash = '{first.FileHash}'"));
    }

    [Fact]
    public async Task Three_changed_values_become_exactly_three_corrections_naming_the_file()
    {
        var xml = Unique(await File.ReadAllTextAsync(Sample), "B1");
        await ImportText(xml, "before.xml", again: false);
        var doc = XDocument.Parse(xml);
        XNamespace ns = NaaccrXmlReader.Namespace;
        XElement Item(XElement parent, string id) => parent.Elements(ns + "Item").Single(i => (string?)i.Attribute("naaccrId") == id);
        var patients = doc.Root!.Elements(ns + "Patient").ToList();
        Item(patients[0], "nameLast").Value = "Smythe";                                       // a patient item
        Item(patients[1].Elements(ns + "Tumor").First(), "primarySite").Value = "C508";        // a tumor item
        patients[2].Elements(ns + "Tumor").First().Add(new XElement(ns + "Item", new XAttribute("naaccrId", "cancerStatus"), "1")); // a new one
        var corrections = await Count("select count(*) from marten.mt_events where type = 'ItemsCorrected'");

        var report = await ImportText(doc.ToString(), "after.xml", again: false);

        Assert.Equal((0, 0, 3), (report.PatientsCreated, report.TumorsCreated, report.ItemsCorrected));
        var reasons = await ReadAsync("""
            select data ->> 'reason', jsonb_array_length(data -> 'corrections') from marten.mt_events
            where type = 'ItemsCorrected' order by seq_id desc limit 3
            """);
        Assert.Equal(corrections + 3, await Count("select count(*) from marten.mt_events where type = 'ItemsCorrected'"));
        Assert.All(reasons, r => Assert.Equal(("import of after.xml (Hospital A)", "1"), (r[0], r[1])));
        Assert.Equal("C508", await Db.DataSource.ScalarAsync(
            $"select primary_site from case_summary c join patients p using (patient_id) where p.patient_id_number = '{Pid("B1", 2)}' and c.items ->> 'tumorRecordNumber' = '01'"));
    }

    [Fact]
    public async Task A_refused_record_stores_nothing_of_itself_and_the_rest_of_the_file_imports()
    {
        var streams = await Count("select count(*) from marten.mt_streams");
        var report = await Importer.ImportFileAsync(Invalid("too-long-value.xml"), Request("too-long-value.xml"));

        Assert.Equal((NaaccrXmlImporter.Completed, 1, 1, 1), (report.Status, report.PatientsCreated, report.TumorsCreated, report.RecordsRefused));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((21, 2, 2, "primarySite"), (problem.Line, problem.Patient!.Value, problem.Tumor!.Value, problem.Item));
        Assert.Equal(streams + 2, await Count("select count(*) from marten.mt_streams"));
        Assert.Equal(0L, await Count("select count(*) from patients where patient_id_number = '00000102'"));
        Assert.Equal(1L, await Count("select count(*) from patients where patient_id_number = '00000101'"));
        // The batch record keeps the refusal without the value.
        var stored = (string)(await Db.DataSource.ScalarAsync($"select refusals::text from naaccr_import_batches where batch_id = '{report.BatchId}'"))!;
        Assert.Contains("primarySite", stored);
        Assert.DoesNotContain("C3419", stored);
    }

    [Fact]
    public async Task A_file_missing_a_required_root_attribute_is_refused_whole()
    {
        var streams = await Count("select count(*) from marten.mt_streams");
        var report = await Importer.ImportFileAsync(Invalid("missing-specification-version.xml"), Request("missing-spec.xml"));
        Assert.Equal(NaaccrXmlImporter.Refused, report.Status);
        Assert.Equal("specificationVersion", Assert.Single(report.Problems).Item);
        Assert.Equal(streams, await Count("select count(*) from marten.mt_streams"));
    }

    [Fact]
    public async Task A_file_broken_part_way_keeps_the_whole_records_before_the_break_and_names_its_line()
    {
        var xml = Unique(await File.ReadAllTextAsync(Sample), "D1");
        var third = xml.IndexOf("<Patient>", xml.IndexOf("<Patient>", xml.IndexOf("<Patient>") + 1) + 1);
        var broken = xml[..third] + "<Patient><Item naaccrId=\"patientIdNumber\">x</Itm></Patient></NaaccrData>";
        var report = await ImportText(broken, "broken.xml", again: false);
        Assert.Equal((NaaccrXmlImporter.Refused, 2), (report.Status, report.PatientsCreated));
        Assert.Contains("line", Assert.Single(report.Problems).Message);
        Assert.Equal(2L, await Count($"select count(*) from patients where patient_id_number in ('{Pid("D1", 1)}', '{Pid("D1", 2)}')"));
    }

    [Fact]
    public async Task A_windows_1252_file_imports_with_its_accented_names_intact()
    {
        NaaccrEncodings.Register();
        var xml = Unique(await File.ReadAllTextAsync(Sample), "C1").Replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"windows-1252\"?>")
            .Replace(">Smith<", ">Muñoz-Gérard<");
        var bytes = Encoding.GetEncoding(1252).GetBytes(xml);
        var report = await Importer.ImportAsync(new MemoryStream(bytes), Request("cp1252.xml"));
        Assert.Equal((NaaccrXmlImporter.Completed, 8), (report.Status, report.PatientsCreated));
        Assert.Equal("Muñoz-Gérard", await Db.DataSource.ScalarAsync($"select items ->> 'nameLast' from patients where patient_id_number = '{Pid("C1", 1)}'"));
    }

    [Fact]
    public async Task A_tumor_sent_again_by_its_facility_under_a_new_patient_number_joins_its_case()
    {
        XNamespace ns = NaaccrXmlReader.Namespace;
        string File(string pid, string site) => $"""
            <NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="A" specificationVersion="1.8" xmlns="{ns}">
              <Patient><Item naaccrId="patientIdNumber">{pid}</Item>
                <Tumor><Item naaccrId="primarySite">{site}</Item><Item naaccrId="reportingFacility">0000009901</Item>
                  <Item naaccrId="accessionNumberHosp">202400077</Item><Item naaccrId="sequenceNumberHospital">00</Item></Tumor>
              </Patient>
            </NaaccrData>
            """;
        await ImportText(File("77000001", "C509"), "acc1.xml", false);
        var report = await ImportText(File("77000002", "C508"), "acc2.xml", false);
        Assert.Equal((0, 1, 0, 1, 1), (report.PatientsCreated, report.PatientsMatched, report.TumorsCreated, report.TumorsMatched, report.ItemsCorrected));
        Assert.Equal(1L, await Count("select count(*) from case_summary where reporting_facility = '0000009901'"));
    }

    [Fact]
    public async Task A_200_MB_item_refuses_its_record_with_a_clear_error_and_the_rest_imports()
    {
        var head = Encoding.UTF8.GetBytes($"""
            <NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="A" specificationVersion="1.8" xmlns="{NaaccrXmlReader.Namespace}">
              <Patient><Item naaccrId="patientIdNumber">88000001</Item><Item naaccrId="textRemarks">
            """);
        var tail = Encoding.UTF8.GetBytes("</Item></Patient><Patient><Item naaccrId=\"patientIdNumber\">88000002</Item></Patient></NaaccrData>");
        var huge = new ConcatStream(head, 200L * 1024 * 1024, tail);

        var report = await Importer.ImportAsync(huge, Request("huge.xml"));

        Assert.Equal((NaaccrXmlImporter.Completed, 1, 1), (report.Status, report.PatientsCreated, report.RecordsRefused));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((1, "textRemarks", NaaccrProblemKind.TooLarge), (problem.Patient!.Value, problem.Item, problem.Kind));
        Assert.Equal(0L, await Count("select count(*) from patients where patient_id_number = '88000001'"));
        Assert.Equal(1L, await Count("select count(*) from patients where patient_id_number = '88000002'"));
    }

    /// <summary>head, then <c>count</c> bytes of 'x', then tail: a huge upload made while it is read.</summary>
    private sealed class ConcatStream(byte[] head, long count, byte[] tail) : Stream
    {
        private long _at;
        public override int Read(byte[] buffer, int offset, int size)
        {
            var total = head.Length + count + tail.Length;
            var n = (int)Math.Min(size, total - _at);
            for (var i = 0; i < n; i++, _at++)
                buffer[offset + i] = _at < head.Length ? head[_at] : _at < head.Length + count ? (byte)'x' : tail[_at - head.Length - count];
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private async Task<NaaccrImportReport> ImportText(string xml, string name, bool again) =>
        await Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Request(name, again));

    /// <summary>The sample with Patient ID Numbers of its own, so tests in this class do not match each other's patients.</summary>
    private static string Unique(string xml, string prefix)
    {
        for (var i = 8; i >= 1; i--) xml = xml.Replace($">0000000{i}<", $">{Pid(prefix, i)}<");
        return xml;
    }

    private static string Pid(string prefix, int i) => $"{(prefix[0] - 'A' + 1) * 10 + prefix[1] - '0':D2}00000{i}";

    private async Task<List<string?[]>> ReadAsync(string sql)
    {
        await using var cmd = Db.DataSource.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await r.ReadAsync())
            rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i))).ToArray());
        return rows;
    }
}
