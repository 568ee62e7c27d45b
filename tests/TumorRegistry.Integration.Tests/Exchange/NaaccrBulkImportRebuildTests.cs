using System.Text;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>
/// The bulk path of the import (new streams' read-model rows folded from the pending events and written with COPY,
/// without the projections' queries) writes exactly the rows a rebuild from the events writes.
/// </summary>
public sealed class NaaccrBulkImportRebuildTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Imported_new_and_matched_records_give_the_same_read_models_as_a_rebuild_from_the_events()
    {
        await using var store = RegistryStore.Create(db.ConnectionString);
        var importer = new NaaccrXmlImporter(new RegistryEvents(store));
        var who = new EventMetadata("ctr.import");

        // New patients and tumors, several batches (a batch of 7 patients splits the 1.2 tumors per patient unevenly).
        var generated = new MemoryStream();
        SyntheticNaaccrFile.Write(generated, 60, itemsPerTumor: 40, seed: 7, patientPrefix: "8");
        var first = await importer.ImportAsync(new MemoryStream(generated.ToArray()), new NaaccrImportRequest("gen.xml", "Hospital B", who) { BatchSize = 7 });
        Assert.Equal((NaaccrXmlImporter.Completed, 60, 0), (first.Status, first.TumorsCreated, first.RecordsRefused));

        // Then a file mixing matched patients with changed values and new ones, in the same batches.
        var changed = Encoding.UTF8.GetString(generated.ToArray());
        var edited = changed.Replace("<Item naaccrId=\"primarySite\">C509</Item>", "<Item naaccrId=\"primarySite\">C508</Item>");
        Assert.NotEqual(changed, edited);
        var more = new MemoryStream();
        SyntheticNaaccrFile.Write(more, 20, itemsPerTumor: 40, seed: 8, patientPrefix: "9");
        var second = await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(edited)),
            new NaaccrImportRequest("gen-changed.xml", "Hospital B", who) { BatchSize = 7 });
        var third = await importer.ImportAsync(new MemoryStream(more.ToArray()), new NaaccrImportRequest("gen-more.xml", "Hospital B", who) { BatchSize = 7 });
        Assert.True(second.ItemsCorrected > 0);
        // (The generator's accession numbers repeat across seeds, so some of the third file's tumors match.)
        Assert.Equal(0, second.TumorsCreated);
        Assert.True(third.TumorsCreated > 0);

        var patientsBefore = await Rows("patients", "patient_id");
        var casesBefore = await Rows("case_summary", "case_id");
        Assert.Equal(60L + third.TumorsCreated, Convert.ToInt64(await db.DataSource.ScalarAsync("select count(*) from case_summary")));
        Assert.Equal(first.PatientsCreated + third.PatientsCreated,
            Convert.ToInt32(await db.DataSource.ScalarAsync("select count(*) from patients")));

        var rebuilder = new ProjectionRebuilder(store, CaseProjections.Create());
        await rebuilder.RebuildAsync(PatientsProjection.ProjectionName);
        await rebuilder.RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(patientsBefore, await Rows("patients", "patient_id"));
        Assert.Equal(casesBefore, await Rows("case_summary", "case_id"));
    }

    private async Task<string> Rows(string table, string key) =>
        (string)(await db.DataSource.ScalarAsync($"select coalesce(json_agg(t order by {key})::text, '[]') from {table} t"))!;
}
