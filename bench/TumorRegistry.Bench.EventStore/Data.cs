using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;

/// <summary>Synthetic registry content from real domain events: per patient a patient stream of 3 events and a
/// tumor stream of 7, so 100,000 patients are 200,000 streams and 1,000,000 events.</summary>
internal static class Data
{
    public const int EventsPerPatient = 10;

    public static readonly EventMetadata Meta = new("bench.registrar", "benchmark", Guid.NewGuid(), Guid.NewGuid());

    public static PatientRegistered Registered(int i) => new() { PatientIdNumber = i.ToString("D8") };

    public static List<StreamAppend> Patients(int count)
    {
        var rng = new Random(20261201);
        var list = new List<StreamAppend>(count * 2);
        for (var i = 0; i < count; i++)
        {
            var patient = Guid.CreateVersion7();
            var dx = $"20{rng.Next(15, 25)}{rng.Next(1, 13):D2}{rng.Next(1, 29):D2}";
            list.Add(new StreamAppend(patient, StreamTypes.Patient, StreamAppend.NoStream, [
                Registered(i),
                new DemographicsRecorded { NameLast = "Doe" + i, NameFirst = "Pat", DateOfBirth = $"19{rng.Next(30, 99)}0101",
                    Sex = rng.Next(1, 3).ToString(), Race1 = "01", SpanishHispanicOrigin = "0", BirthplaceState = "ZZ" },
                new FollowUpRecorded { DateOfLastContact = "20251231", VitalStatus = "1" },
            ]));
            list.Add(new StreamAppend(Guid.CreateVersion7(), StreamTypes.Tumor, StreamAppend.NoStream, [
                new CaseOpened { PatientId = patient, CasefindingSource = "10", ReportingFacility = "0000001234", TypeOfReportingSource = "1" },
                new AddressAtDiagnosisRecorded { City = "Springfield", State = "ZZ", County = rng.Next(1, 200).ToString("D3"), PostalCode = "99999" },
                new DiagnosisRecorded { PrimarySite = "C50" + rng.Next(0, 10), Laterality = "1", Histology = "8500", Behavior = "3",
                    GradeClinical = "2", DiagnosticConfirmation = "1", DateOfDiagnosis = dx, SequenceNumberCentral = "00", ClassOfCase = "10" },
                new StageRecorded { SummaryStage2018 = rng.Next(0, 8).ToString(), EodPrimaryTumor = "200", EodRegionalNodes = "000", EodMets = "00" },
                new TreatmentRecorded { SurgeryOfPrimarySite = "A200", DateOfSurgery = dx, Chemotherapy = "00", HormoneTherapy = "01" },
                new TumorFollowUpRecorded { CancerStatus = "1", DateOfLastCancerStatus = "20251231", FollowUpSource = "1" },
                new CaseCompleted { DateCaseCompleted = "20260115" },
            ]));
        }
        return list;
    }
}
