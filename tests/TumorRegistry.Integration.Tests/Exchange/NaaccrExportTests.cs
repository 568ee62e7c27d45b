using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>Exports of a registry holding the shared v25 sample (imported once for the class).</summary>
public sealed class NaaccrExportTests(NaaccrExportTests.Loaded loaded) : IClassFixture<NaaccrExportTests.Loaded>
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml");
    private static readonly XNamespace Ns = NaaccrXmlReader.Namespace;

    public sealed class Loaded : IAsyncLifetime
    {
        public DatabaseFixture Db { get; } = new();
        public NaaccrExporter Exporter { get; private set; } = null!;

        /// <summary>The file imported: the sample with a few more items.</summary>
        public string Xml { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await Db.InitializeAsync();
            await using var store = RegistryStore.Create(Db.ConnectionString);
            var xml = (await File.ReadAllTextAsync(Sample))
                // A few identifying and de-identified items the sample lacks, on its first patient and tumor.
                .Replace("<Item naaccrId=\"tumorRecordNumber\">01</Item>", """
                    <Item naaccrId="tumorRecordNumber">01</Item><Item naaccrId="addrAtDxPostalCode">871011234</Item>
                    <Item naaccrId="addrAtDxNoStreet">12 Calle Ocho</Item><Item naaccrId="medicalRecordNumber">MRN4455</Item>
                    """, StringComparison.Ordinal)
                // One patient over 89 at diagnosis, for the age grouping.
                .Replace("naaccrId=\"ageAtDiagnosis\">080<", "naaccrId=\"ageAtDiagnosis\">093<", StringComparison.Ordinal);
            Xml = xml;
            var report = await new NaaccrXmlImporter(new RegistryEvents(store)).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)),
                new NaaccrImportRequest("sample.xml", "sample", new EventMetadata("ctr.import")));
            Assert.Equal((10, 0), (report.TumorsCreated, report.RecordsRefused));
            Exporter = new NaaccrExporter(Db.DataSource, NaaccrStandards.Default);
        }

        public async Task DisposeAsync() => await Db.DisposeAsync();
    }

    private async Task<byte[]> Export(NaaccrExportRequest request)
    {
        using var output = new MemoryStream();
        await loaded.Exporter.ExportAsync(request, output);
        return output.ToArray();
    }

    [Fact]
    public async Task The_v25_sample_round_trips_with_every_item_and_value_and_the_export_is_valid_against_the_schema()
    {
        var bytes = await Export(new NaaccrExportRequest(NaaccrCohort.All));
        Assert.Equal([], SchemaErrors(bytes));

        var (_, original) = NaaccrXmlReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(loaded.Xml)));
        using var reader = new NaaccrXmlReader(new MemoryStream(bytes), NaaccrReadOptions.Strict);
        var exported = reader.Patients().ToDictionary(p => p["patientIdNumber"]!);
        Assert.Empty(reader.FileProblems);
        Assert.Equal(original.Count, exported.Count);
        var compared = 0;
        foreach (var p in original)
        {
            var back = exported[p["patientIdNumber"]!];
            Assert.Empty(back.Problems);
            foreach (var (id, value) in p.Items.Where(kv => kv.Value.Length > 0)) { Assert.True(back[id] == value, $"patient item {id}"); compared++; }
            Assert.Equal(p.Tumors.Count, back.Tumors.Count);
            foreach (var t in p.Tumors)
            {
                var bt = back.Tumors.Single(x => x["tumorRecordNumber"] == t["tumorRecordNumber"]);
                foreach (var (id, value) in t.Items.Where(kv => kv.Value.Length > 0)) { Assert.True(bt[id] == value, $"tumor item {id}"); compared++; }
            }
        }
        Assert.True(compared > 900, $"{compared} items compared"); // typed and untyped: the sample has about 950
    }

    [Fact]
    public async Task An_export_carries_the_registrys_root_items_before_its_patients_and_is_valid_against_the_schema()
    {
        var exporter = new NaaccrExporter(loaded.Db.DataSource, NaaccrStandards.Default, new NaaccrRegistryIdentity("0000003500", "1"));
        using var output = new MemoryStream();
        await exporter.ExportAsync(new NaaccrExportRequest(NaaccrCohort.All) { Version = "260", RecordType = "I" }, output);
        var bytes = output.ToArray();
        Assert.Equal([], SchemaErrors(bytes));

        using var reader = new NaaccrXmlReader(new MemoryStream(bytes), NaaccrReadOptions.Strict);
        Assert.Empty(reader.FileProblems);
        Assert.Equal(("0000003500", "1", "I", "260"),
            (reader.Header["registryId"], reader.Header["registryType"], reader.Header["recordType"], reader.Header["naaccrRecordVersion"]));
        Assert.Null(reader.Header["npiRegistryId"]); // not set: not written
        Assert.Equal(10, reader.Patients().Sum(p => p.Tumors.Count));
        var root = XDocument.Load(new MemoryStream(bytes)).Root!;
        Assert.Equal(4, root.Elements(Ns + "Item").Count());
        Assert.DoesNotContain(root.Elements(Ns + "Patient").SelectMany(p => p.Elements(Ns + "Item")), i => (string?)i.Attribute("naaccrId") == "registryId");

        // A setting the dictionary refuses stops the export before it starts, named.
        var wrong = new NaaccrExporter(loaded.Db.DataSource, NaaccrStandards.Default, new NaaccrRegistryIdentity("NM"));
        Assert.Contains("registry.registryId", wrong.Validate(new NaaccrExportRequest(NaaccrCohort.All)).Keys);
    }

    [Fact]
    public async Task A_v26_export_writes_sex_assigned_at_birth_for_sex_and_is_valid()
    {
        var bytes = await Export(new NaaccrExportRequest(NaaccrCohort.All) { Version = "260", RecordType = "I" });
        Assert.Equal([], SchemaErrors(bytes));
        var doc = XDocument.Load(new MemoryStream(bytes));
        Assert.Equal("http://naaccr.org/naaccrxml/naaccr-dictionary-260.xml", (string?)doc.Root!.Attribute("baseDictionaryUri"));
        Assert.Equal("I", (string?)doc.Root.Attribute("recordType"));
        var first = doc.Root.Elements(Ns + "Patient").Single(p => ItemOf(p, "patientIdNumber") == "00000001");
        Assert.Equal("2", ItemOf(first, "sexAssignedAtBirth"));
        Assert.Null(ItemOf(first, "sex"));
        Assert.Null(ItemOf(first, "nameLast")); // record type I has no confidential items
        using var reader = new NaaccrXmlReader(new MemoryStream(bytes));
        Assert.All(reader.Patients(), p => Assert.Empty(p.Problems));
    }

    [Fact]
    public async Task The_de_identified_extract_has_no_identifying_item_and_reduced_dates_ages_and_postal_codes()
    {
        var bytes = await Export(new NaaccrExportRequest(NaaccrCohort.All) { Deidentified = true });
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal([], SchemaErrors(bytes));
        foreach (var id in new[] { "nameLast", "nameFirst", "nameMiddle", "namePrefix", "socialSecurityNumber", "telephone", "addrAtDxNoStreet",
                     "medicalRecordNumber", "patientIdNumber", "accessionNumberHosp", "textRemarks", "textDxProcPe", "rxTextSurgery" })
            Assert.DoesNotContain($"naaccrId=\"{id}\"", text);
        foreach (var value in new[] { "Smith", "589803415", "1804942979", "Calle Ocho", "MRN4455", "19730729", "871011234" })
            Assert.DoesNotContain(value, text);
        var doc = XDocument.Parse(text);
        var items = doc.Descendants(Ns + "Item").ToList();
        Assert.All(items.Where(i => (string?)i.Attribute("naaccrId") == "dateOfBirth"), i => Assert.Equal(4, i.Value.Length));
        Assert.Contains(items, i => (string?)i.Attribute("naaccrId") == "dateOfBirth" && i.Value == "1973");
        Assert.Contains(items, i => (string?)i.Attribute("naaccrId") == "addrAtDxPostalCode" && i.Value == "871");
        Assert.Contains(items, i => (string?)i.Attribute("naaccrId") == "ageAtDiagnosis" && i.Value == "090");
        Assert.DoesNotContain(items, i => (string?)i.Attribute("naaccrId") == "ageAtDiagnosis" && int.Parse(i.Value) is > 90 and < 999);
        Assert.Equal(10, doc.Descendants(Ns + "Tumor").Count());
    }

    [Fact]
    public async Task A_cohort_takes_only_its_cases_and_CSV_gzip_carries_the_chosen_items()
    {
        var cohort = new NaaccrCohort { DiagnosisYearFrom = 2021, DiagnosisYearTo = 2023 };
        var bytes = await Export(new NaaccrExportRequest(cohort) { Format = NaaccrExportFormat.Csv, CsvItems = ["patientIdNumber", "primarySite", "dateOfDiagnosis"], Gzip = true });
        using var gz = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        var lines = (await gz.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("patientIdNumber,primarySite,dateOfDiagnosis", lines[0]);
        var years = lines.Skip(1).Select(l => int.Parse(l.Split(',')[2][..4])).ToList();
        Assert.Equal(4, years.Count); // 20210809, 20211001, 20220118, 20231120
        Assert.All(years, y => Assert.InRange(y, 2021, 2023));

        var none = await Export(new NaaccrExportRequest(new NaaccrCohort { Facilities = ["9999999999"] }));
        Assert.Empty(XDocument.Load(new MemoryStream(none)).Root!.Elements(Ns + "Patient"));
        var since = await Export(new NaaccrExportRequest(new NaaccrCohort { ChangedSince = DateTimeOffset.UtcNow.AddDays(1) }));
        Assert.Empty(XDocument.Load(new MemoryStream(since)).Root!.Elements(Ns + "Patient"));
        Assert.NotEmpty(loaded.Exporter.Validate(new NaaccrExportRequest(new NaaccrCohort { SiteGroups = ["No Such Site"] })));
    }

    private static string? ItemOf(XElement parent, string id) =>
        parent.Elements(Ns + "Item").FirstOrDefault(i => (string?)i.Attribute("naaccrId") == id)?.Value;

    private static List<string> SchemaErrors(byte[] xml)
    {
        var schemas = new XmlSchemaSet();
        using (var xsd = ReferenceData.Open("reference", "naaccr", "naaccr_data_1.8.xsd")) schemas.Add(null, XmlReader.Create(xsd));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read()) { }
        return errors;
    }
}
