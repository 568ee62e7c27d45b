using System.Globalization;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Api.Demo;

/// <summary>One made-up case: the patient's and the tumor's events, coded as a registrar would code them.</summary>
internal static class DemoCase
{
    public static (IReadOnlyList<object> Patient, IReadOnlyList<object> Tumor) Events(Random random, DemoOptions options, int index,
        DemoSite site, Resident person, Guid patientId, string[] lastNames, string[] firstNames)
    {
        var age = person.AgeGroup >= 18 ? 85 + random.Next(10) : 5 * (person.AgeGroup - 1) + random.Next(5);
        var diagnosis = new DateOnly(person.Year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(person.Year) ? 366 : 365));
        var birth = diagnosis.AddYears(-age).AddDays(-random.Next(1, 365));
        var stage = site.Behavior == "2" ? "0" : Pick(random, ("1", 45), ("2", 10), ("3", 15), ("4", 5), ("7", 20), ("9", 5));
        var stageIndex = stage switch { "1" or "0" => 0, "7" => 2, _ => 1 };

        // Cancer deaths from the site's median by stage; other causes from a Gompertz-like hazard by age.
        var cancerYears = Exponential(random, Math.Log(2) / site.MedianYearsByStage[stageIndex]);
        var otherYears = Exponential(random, 0.00005 * Math.Exp(0.09 * age));
        var deathYears = Math.Min(cancerYears, otherYears);
        var death = diagnosis.AddDays((int)(deathYears * 365.25));
        var lastSeen = options.FollowUpThrough.AddDays(-random.Next(0, random.Next(10) == 0 ? 1500 : 120));
        var dead = death <= lastSeen && death <= options.FollowUpThrough;
        // The living were seen at least a month after diagnosis (a registry has no follow-up on the day of diagnosis).
        var firstFollowUp = diagnosis.AddDays(30 + random.Next(335));
        var lastContact = dead ? death : (lastSeen < firstFollowUp ? Min(firstFollowUp, options.FollowUpThrough) : lastSeen);
        var deathCertificateOnly = dead && random.Next(100) == 0;
        if (deathCertificateOnly) diagnosis = death;

        var sex = ((int)person.Sex).ToString(CultureInfo.InvariantCulture);
        var dxText = random.Next(20) == 0 ? diagnosis.ToString("yyyyMM", CultureInfo.InvariantCulture) : Naaccr(diagnosis);
        var patient = new List<object>
        {
            new PatientRegistered { PatientIdNumber = (10_000_000 + index).ToString(CultureInfo.InvariantCulture) },
            new DemographicsRecorded
            {
                NameLast = lastNames[random.Next(lastNames.Length)], NameFirst = firstNames[random.Next(firstNames.Length)],
                DateOfBirth = Naaccr(birth), Sex = sex, Race1 = Race(person.Race), Race2 = "88", Race3 = "88", Race4 = "88", Race5 = "88",
                SpanishHispanicOrigin = person.Origin == 1 ? "1" : "0",
                // Fake people get the "unknown" SSN: a made-up valid-looking number could be someone's real one.
                SocialSecurityNumber = "999999999",
            },
            dead
                ? new DeathRecorded
                {
                    DateOfDeath = Naaccr(death), IcdRevisionNumber = "1",
                    CauseOfDeath = cancerYears <= otherYears ? site.CauseOfDeath.PadRight(4, '9') : Pick(random, ("I219", 3), ("J449", 2), ("I639", 1), ("E119", 1)),
                }
                : new FollowUpRecorded { DateOfLastContact = Naaccr(lastContact), VitalStatus = "1" },
        };

        var facility = options.Facilities[random.Next(options.Facilities.Count)];
        var tumor = new List<object>
        {
            new CaseOpened
            {
                PatientId = patientId, ReportingFacility = facility, CasefindingSource = deathCertificateOnly ? "80" : "20",
                TypeOfReportingSource = deathCertificateOnly ? "7" : "1",
                AccessionNumberHosp = person.Year.ToString(CultureInfo.InvariantCulture) + index.ToString("D5", CultureInfo.InvariantCulture),
            },
            new AddressAtDiagnosisRecorded
            {
                State = person.StatePostal, County = person.CountyFips, Country = "USA",
                PostalCode = "87" + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture),
            },
            new DiagnosisRecorded
            {
                PrimarySite = site.PrimarySite, Laterality = site.Paired ? (random.Next(2) == 0 ? "1" : "2") : "0",
                Histology = site.Histology, Behavior = site.Behavior,
                GradeClinical = deathCertificateOnly ? "9" : Pick(random, ("1", 3), ("2", 4), ("3", 2), ("9", 1)),
                DiagnosticConfirmation = deathCertificateOnly ? "9" : "1", DateOfDiagnosis = dxText,
                SequenceNumberHospital = site.Behavior == "2" ? "00" : "00", ClassOfCase = deathCertificateOnly ? "49" : "10",
            },
            new StageRecorded { SummaryStage2018 = deathCertificateOnly ? "9" : stage },
        };
        if (!deathCertificateOnly)
        {
            // Treatment happens only while the patient is alive and in follow-up.
            var surgery = stageIndex < 2 && random.Next(4) > 0 && diagnosis.AddDays(21) <= lastContact;
            var chemo = stageIndex > 0 && diagnosis.AddDays(35) <= lastContact;
            tumor.Add(new TreatmentRecorded
            {
                SurgeryOfPrimarySite = surgery ? "30" : "00", DateOfSurgery = surgery ? Naaccr(diagnosis.AddDays(21)) : null,
                ReasonForNoSurgery = surgery ? "0" : "1",
                Chemotherapy = chemo ? "01" : "00", DateOfChemotherapy = chemo ? Naaccr(diagnosis.AddDays(35)) : null,
            });
        }
        // Most cases are complete; the rest sit on the registrars' worklists. As in the registry, a case is completed only
        // when it passes its error edits; one that does not (an in situ death-certificate-only case) stays on the worklist.
        if (random.Next(20) > 0 && PassesErrorEdits(patientId, patient, tumor, options.FollowUpThrough.AddDays(1)))
            tumor.Add(new CaseCompleted { DateCaseCompleted = Naaccr(Min(diagnosis.AddDays(120), options.FollowUpThrough)) });
        return (patient, tumor);
    }

    private static bool PassesErrorEdits(Guid patientId, IEnumerable<object> patientEvents, IEnumerable<object> tumorEvents, DateOnly today) =>
        !EditEngine.Default.RunEdits(Patient.From(patientId, patientEvents.Cast<DomainEvent>()),
            TumorCase.From(Guid.Empty, tumorEvents.Cast<DomainEvent>()), today).BlockingErrors.Any();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Naaccr(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    // NAACCR Race 1: 01 White, 02 Black, 03 American Indian/Alaska Native, 96 Other Asian (SEER's API group).
    private static string Race(int seerRace) => seerRace switch { 1 => "01", 2 => "02", 3 => "03", _ => "96" };

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private static string Pick(Random random, params (string Value, int Weight)[] choices)
    {
        var x = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
            if ((x -= weight) < 0) return value;
        return choices[^1].Value;
    }
}
