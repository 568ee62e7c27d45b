using System.Globalization;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Synthetic;

/// <summary>Writes a drawn person and tumor as the events a registrar's abstraction produces.</summary>
internal static class SyntheticCaseBuilder
{
    private static readonly string[] OtherCauses = ["I219", "I219", "I219", "J449", "J449", "I639", "E119"];

    public static SyntheticCase Build(Random random, SyntheticOptions options, SyntheticData data, int index, SyntheticPerson p, int? duplicateOf, string? firstReportFacility = null)
    {
        var patientId = SyntheticRegistry.NextGuid(random);
        var tumorId = SyntheticRegistry.NextGuid(random);
        var site = p.Site;
        var inSitu = p.Stage == StageGroup.InSitu;
        var patient = new List<DomainEvent>
        {
            new PatientRegistered { PatientIdNumber = (10_000_000 + index).ToString(CultureInfo.InvariantCulture) },
            new DemographicsRecorded
            {
                NameLast = p.FamilyName, NameFirst = p.GivenName, DateOfBirth = Naaccr(p.Birth), Sex = p.Sex, Race1 = p.Race1,
                Race2 = "88", Race3 = "88", Race4 = "88", Race5 = "88", SpanishHispanicOrigin = p.Hispanic ? "1" : "0",
                SocialSecurityNumber = p.Ssn,
            },
            p.Death is { } death
                ? new DeathRecorded
                {
                    DateOfDeath = Naaccr(death), IcdRevisionNumber = "1",
                    CauseOfDeath = p.CancerDeath ? site.CauseOfDeath : OtherCauses[random.Next(OtherCauses.Length)],
                }
                : new FollowUpRecorded { DateOfLastContact = Naaccr(p.LastContact), VitalStatus = "1" },
        };

        // A duplicate report comes from another facility than the first report's.
        var others = options.Facilities.Where(f => f != firstReportFacility).ToList();
        var facility = others[random.Next(others.Count)];
        var dco = p.DeathCertificateOnly;
        var tumor = new List<DomainEvent>
        {
            new CaseOpened
            {
                PatientId = patientId, ReportingFacility = facility, CasefindingSource = dco ? "80" : "20", TypeOfReportingSource = dco ? "7" : "1",
                AccessionNumberHosp = p.Diagnosis.Year.ToString(CultureInfo.InvariantCulture) + (index % 100_000).ToString("D5", CultureInfo.InvariantCulture),
            },
            new AddressAtDiagnosisRecorded
            {
                State = data.StatePostal, County = p.County.Fips[2..], Country = "USA",
                PostalCode = "87" + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture),
            },
            new DiagnosisRecorded
            {
                PrimarySite = site.PrimarySite, Laterality = p.Laterality, Histology = site.Histology, Behavior = inSitu ? "2" : site.Behavior,
                GradeClinical = p.Grade, DiagnosticConfirmation = dco ? "9" : "1",
                DateOfDiagnosis = random.Next(20) == 0 && !dco ? p.Diagnosis.ToString("yyyyMM", CultureInfo.InvariantCulture) : Naaccr(p.Diagnosis),
                SequenceNumberHospital = "00", ClassOfCase = dco ? "49" : "10",
            },
            new StageRecorded { SummaryStage2018 = p.StageCode },
        };
        if (!dco)
        {
            // Treatment happens only while the patient is in follow-up.
            var early = p.Stage is StageGroup.InSitu or StageGroup.Localized or StageGroup.Regional;
            var surgery = early && random.Next(4) > 0 && p.Diagnosis.AddDays(21) <= p.LastContact;
            var chemo = p.Stage is StageGroup.Regional or StageGroup.Distant && p.Diagnosis.AddDays(35) <= p.LastContact;
            tumor.Add(new TreatmentRecorded
            {
                SurgeryOfPrimarySite = surgery ? "30" : "00", DateOfSurgery = surgery ? Naaccr(p.Diagnosis.AddDays(21)) : null,
                ReasonForNoSurgery = surgery ? "0" : "1",
                Chemotherapy = chemo ? "01" : "00", DateOfChemotherapy = chemo ? Naaccr(p.Diagnosis.AddDays(35)) : null,
            });
        }
        // Completed only when the error edits pass, as the registry requires; planted errors and duplicate reports stay
        // open for the registrars and the linkage, and a share of clean cases is still being abstracted.
        var complete = duplicateOf is null && p.PlantedEdit is null && random.NextDouble() >= options.OpenRate
            && PassesErrorEdits(patientId, patient, tumor, options.FollowUpThrough.AddDays(1));
        if (complete)
            tumor.Add(new CaseCompleted { DateCaseCompleted = Naaccr(Min(p.Diagnosis.AddDays(120), options.FollowUpThrough)) });
        return new SyntheticCase(index, patientId, tumorId, patient, tumor, p, facility, duplicateOf);
    }

    private static bool PassesErrorEdits(Guid patientId, IEnumerable<DomainEvent> patient, IEnumerable<DomainEvent> tumor, DateOnly today) =>
        !EditEngine.Default.RunEdits(Patient.From(patientId, patient), TumorCase.From(Guid.Empty, tumor), today).BlockingErrors.Any();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Naaccr(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
