using System.Text;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>
/// The import writes two batches at once (the next is matched and built while the one ahead is written): records that
/// could match what the batch ahead writes wait for it, and imports run one at a time.
/// </summary>
public sealed class NaaccrPipelinedImportTests(DatabaseFixture db) : NaaccrImporterTests(db), IClassFixture<DatabaseFixture>
{
    // Each test its own facility: they share the database.
    private static string Patient(string facility, string pid, string sex, params string[] accessions) => $"""
          <Patient><Item naaccrId="patientIdNumber">{pid}</Item><Item naaccrId="sex">{sex}</Item>
            {string.Concat(accessions.Select(a => $"""
              <Tumor><Item naaccrId="primarySite">C509</Item><Item naaccrId="reportingFacility">{facility}</Item>
                <Item naaccrId="accessionNumberHosp">{a}</Item><Item naaccrId="sequenceNumberHospital">00</Item></Tumor>
              """))}
          </Patient>
        """;

    private static string File(params string[] patients) => $"""
        <NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="A" specificationVersion="1.8" xmlns="{NaaccrXmlReader.Namespace}">
        {string.Concat(patients)}
        </NaaccrData>
        """;

    private Task<NaaccrImportReport> Import(string xml, string name, int batchSize = 500) =>
        Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)),
            new NaaccrImportRequest(name, "Hospital P", new EventMetadata("ctr.import")) { BatchSize = batchSize });

    [Fact]
    public async Task Records_of_one_patient_in_batches_written_together_match_as_one_patient()
    {
        // One patient per batch, so each record is matched while the one before it is still being written:
        // the second carries the first one's Patient ID Number and a new tumor; the third a new Patient ID Number for
        // the first one's tumor (matched by accession) and a changed sex.
        var xml = File(Patient("0000008801", "88000001", "1", "202488001"), Patient("0000008801", "88000001", "1", "202488002"), Patient("0000008801", "88000002", "2", "202488001"));
        var report = await Import(xml, "pipelined.xml", batchSize: 1);

        Assert.Equal((NaaccrXmlImporter.Completed, 1, 2, 2, 1, 0), (report.Status, report.PatientsCreated, report.PatientsMatched,
            report.TumorsCreated, report.TumorsMatched, report.RecordsRefused));
        Assert.Equal(1L, await Count("select count(distinct patient_id) from case_summary where reporting_facility = '0000008801'"));
        Assert.Equal(2L, await Count("select count(*) from case_summary where reporting_facility = '0000008801'"));
        // The correction of sex reached both cases' rows, the one written by the batch just ahead of it too.
        Assert.Equal(2L, await Count("select count(*) from case_summary where reporting_facility = '0000008801' and patient_sex = '2'"));
        Assert.Equal(1L, await Count("select count(*) from patients where patient_id_number = '88000001'"));
    }

    [Fact]
    public async Task Two_imports_of_the_same_patient_at_once_take_turns_and_store_it_once()
    {
        var first = Import(File(Patient("0000008802", "88000011", "2", "202488011")), "turns-1.xml");
        var second = Import(File(Patient("0000008802", "88000011", "2", "202488012")), "turns-2.xml");
        var reports = await Task.WhenAll(first, second);

        Assert.All(reports, r => Assert.Equal(NaaccrXmlImporter.Completed, r.Status));
        Assert.Equal(1, reports.Sum(r => r.PatientsCreated));
        Assert.Equal(1L, await Count("select count(*) from patients where patient_id_number = '88000011'"));
        Assert.Equal(2L, await Count("""
            select count(*) from case_summary c join patients p using (patient_id) where p.patient_id_number = '88000011'
            """));
    }
}
