using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Synthetic;

/// <summary>
/// The generated registry as a NAACCR XML v25 abstract file (record type A): each report a Patient with its Tumor,
/// every item the abstraction holds placed under the element its dictionary names, streamed patient by patient.
/// </summary>
public static class SyntheticNaaccrXml
{
    /// <summary>Writes the file; returns the number of tumors written.</summary>
    public static int Write(Stream output, IEnumerable<SyntheticCase> cases)
    {
        var dictionary = NaaccrStandards.Default.Dictionaries["250"];
        using var writer = new NaaccrXmlWriter(output, new NaaccrDataHeader());
        foreach (var c in cases)
        {
            var patient = Patient.From(c.PatientId, c.PatientEvents);
            var tumor = TumorCase.From(c.TumorId, c.TumorEvents);
            var record = new NaaccrPatientRecord();
            var element = new NaaccrTumorRecord();
            foreach (var (id, value) in CaseItems.Of(patient, tumor))
            {
                if (string.IsNullOrEmpty(value)) continue;
                switch (dictionary.Find(id)?.Parent)
                {
                    case NaaccrParent.Patient: record.Items[id] = value; break;
                    case NaaccrParent.Tumor: element.Items[id] = value; break;
                }
            }
            record.Tumors.Add(element);
            writer.WritePatient(record);
        }
        writer.Complete();
        return writer.TumorsWritten;
    }
}
