using System.Xml;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Infrastructure.Exchange;

/// <summary>A problem in an import file: which patient record (1-based, in file order), which tumor, which item.</summary>
public sealed record ImportError(int? PatientRecord, string? PatientIdNumber, int? TumorRecord, string? Item, string Message)
{
    public override string ToString() =>
        (PatientRecord is { } p ? $"patient record {p}" + (PatientIdNumber is { } id ? $" ({id})" : "") : "file")
        + (TumorRecord is { } t ? $", tumor {t}" : "") + (Item is { } i ? $", item {i}" : "") + ": " + Message;
}

public sealed record NaaccrImportResult(int Patients, int Tumors, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Loads a NAACCR XML file (data exchange standard 1.8) into the registry: one new patient stream per Patient
/// record and one tumor stream per Tumor, every item kept. The whole file is read and checked first; if any record
/// is refused nothing is stored, and each error names the record and the item. Otherwise every stream is appended
/// in one transaction, so the read models are updated with the import and a failure leaves nothing half-written.
/// Linking imported people to patients already in the registry is not done here (every record is a new patient).
/// </summary>
public sealed class NaaccrXmlImporter(RegistryEvents store)
{
    public async Task<NaaccrImportResult> ImportAsync(Stream xml, string source, EventMetadata who, CancellationToken ct = default)
    {
        var (streams, patients, tumors, errors) = Read(xml, source);
        if (errors.Count > 0) return new NaaccrImportResult(patients, tumors, errors);
        if (streams.Count > 0) await store.AppendManyAsync(streams, who, ct);
        return new NaaccrImportResult(patients, tumors, []);
    }

    private static (List<StreamAppend> Streams, int Patients, int Tumors, List<ImportError> Errors) Read(Stream xml, string source)
    {
        var streams = new List<StreamAppend>();
        var errors = new List<ImportError>();
        int patients = 0, tumors = 0;
        try
        {
            using var reader = new NaaccrXmlReader(xml);
            foreach (var record in reader.Patients())
            {
                patients++;
                tumors += record.Tumors.Count;
                var id = record["patientIdNumber"];
                if (string.IsNullOrWhiteSpace(id))
                {
                    errors.Add(new ImportError(patients, null, null, "patientIdNumber", "Patient ID Number is required to register a patient."));
                    continue;
                }
                try
                {
                    var imported = NaaccrXmlExchange.ToEvents(record, source, Guid.CreateVersion7);
                    streams.Add(new StreamAppend(imported.PatientId, StreamTypes.Patient, StreamAppend.NoStream, [.. imported.PatientEvents]));
                    streams.AddRange(imported.Cases.Select(c => new StreamAppend(c.CaseId, StreamTypes.Tumor, StreamAppend.NoStream, [.. c.Events])));
                }
                catch (NaaccrRecordRefusedException e)
                {
                    errors.AddRange(e.Errors.Select(f => new ImportError(patients, id, e.Tumor, f.NaaccrId, f.Message)));
                }
            }
        }
        catch (InvalidDataException e)
        {
            errors.Add(new ImportError(null, null, null, null, e.Message));
        }
        catch (XmlException e)
        {
            errors.Add(new ImportError(patients + 1, null, null, null, $"Not well-formed NAACCR XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}"));
        }
        return (streams, patients, tumors, errors);
    }
}
