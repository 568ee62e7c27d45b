using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Tests.Domain;

public class ExchangeTests
{
    private static List<NaaccrPatientRecord> Sample()
    {
        using var s = ReferenceData.Open("reference", "naaccr", "sample-v250-abstract-10.xml");
        return NaaccrXmlReader.ReadAll(s).Patients;
    }

    [Fact]
    public void Import_then_export_gives_back_every_item()
    {
        foreach (var record in Sample())
        {
            var imported = NaaccrXmlExchange.ToEvents(record, "sample-v250-abstract-10.xml", Guid.NewGuid);
            var patient = Patient.From(imported.PatientId, imported.PatientEvents);
            var cases = imported.Cases.Select(c => TumorCase.From(c.CaseId, c.Events)).ToList();
            Assert.All(cases, c => Assert.Equal(imported.PatientId, c.PatientId));

            var back = NaaccrXmlExchange.ToRecord(patient, cases, NaaccrStandards.Default.Dictionaries["250"]);
            Assert.Equal(record.Items.OrderBy(kv => kv.Key), back.Items.OrderBy(kv => kv.Key));
            Assert.Equal(record.Tumors.Count, back.Tumors.Count);
            for (var t = 0; t < record.Tumors.Count; t++)
                Assert.Equal(record.Tumors[t].Items.OrderBy(kv => kv.Key), back.Tumors[t].Items.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void Export_to_v26_writes_sex_assigned_at_birth()
    {
        var record = Sample()[0];
        var imported = NaaccrXmlExchange.ToEvents(record, "x", Guid.NewGuid);
        var patient = Patient.From(imported.PatientId, imported.PatientEvents);
        var v26 = NaaccrXmlExchange.ToRecord(patient, [], NaaccrStandards.Default.Dictionaries["260"]);
        Assert.Equal("2", v26["sexAssignedAtBirth"]);
        Assert.Null(v26["sex"]);
    }

    [Fact]
    public void Imported_sample_cases_can_be_edited()
    {
        var engine = EditEngine.Default;
        var reports = Sample().SelectMany(r =>
        {
            var i = NaaccrXmlExchange.ToEvents(r, "x", Guid.NewGuid);
            var p = Patient.From(i.PatientId, i.PatientEvents);
            return i.Cases.Select(c => engine.RunEdits(p, TumorCase.From(c.CaseId, c.Events), new DateOnly(2025, 6, 1)));
        }).ToList();
        Assert.Equal(10, reports.Count);
        Assert.All(reports, r => Assert.Equal(EditOutcome.Pass, r.For("TR100")!.Outcome));
    }
}
