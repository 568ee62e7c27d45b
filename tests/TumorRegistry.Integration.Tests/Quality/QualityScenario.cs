using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Quality;

/// <summary>
/// A registry of 50 tumor streams diagnosed in 2023 (plus one of 2022) with known problems, written as events through
/// the real projections at known times: facility A (ann: cases 0-14, bob: 15-29) and facility B (cy: 30-49).
/// Planted: DCO 0, 1, 30; race unknown 2, 16, 31; age unknown 3 (no birth date: it also fails the required-items edit);
/// sex unknown 4; county unknown 17; a prostate in a woman 18 (fails an edit); 19 the same tumor as 20 reported a day later
/// (exact duplicate); 21 marked as a duplicate (resolved: left out); reported after 23 months 5, 6; after 12 but
/// within 23 months 32, 33, 34. Everything else reported on 1 February 2024.
/// </summary>
public sealed class QualityScenario
{
    public const string FacilityA = "0000000101", FacilityB = "0000000202";
    public static readonly DateTimeOffset Usual = new(2024, 2, 1, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<PopulationRecord> Population { get; } = SyntheticPopulation.Generate(new SyntheticPopulationOptions
    {
        StatePostal = "NM", StateFips = "35", Counties = 1, FirstYear = 2022, LastYear = 2023, CountySize = (50_000, 60_000), Seed = 11,
    });

    public static string PopulationFile
    {
        get
        {
            var w = new StringWriter();
            SeerPopulationFile.Write(w, Population);
            return w.ToString();
        }
    }

    /// <summary>The reference table of the test: all sites, men and women 65-69 only.</summary>
    public const string Rates = "site,sex,age_group,rate_per_100000\nAll Sites,1,14,500\nAll Sites,2,14,300\n";

    /// <summary>Case ids by scenario number.</summary>
    public Guid[] Cases { get; } = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
    public Guid Case2022 { get; } = Guid.NewGuid();

    public static string Abstractor(int i) => i < 15 ? "ann" : i < 30 ? "bob" : "cy";
    public static string Facility(int i) => i < 30 ? FacilityA : FacilityB;

    public async Task LoadAsync(string connectionString)
    {
        var clock = new ManualClock(Usual);
        await using var marten = RegistryStore.Create(connectionString, clock);
        var store = new RegistryEvents(marten);
        var patients = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        patients[19] = patients[20];
        async Task Write(int i, DateTimeOffset at)
        {
            clock.Now = at;
            var appends = new List<StreamAppend>();
            if (i != 19) appends.Add(Patient(patients[i], i));
            appends.Add(Tumor(Cases[i], patients[i], i, 2023));
            await store.AppendManyAsync(appends, new EventMetadata(Abstractor(i), "quality scenario"));
        }
        // 20 before 19: the later report of the same tumor is the duplicate.
        foreach (var i in Enumerable.Range(0, 50).Where(i => i is not (19 or 5 or 6 or 32 or 33 or 34))) await Write(i, Usual);
        await Write(19, Usual.AddDays(1));
        foreach (var i in new[] { 5, 6 }) await Write(i, new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero));
        foreach (var i in new[] { 32, 33, 34 }) await Write(i, new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Now = Usual;
        await store.AppendAsync(new StreamAppend(Cases[21], "tumor", 4, [new CaseMarkedDuplicate(Cases[22], "reported twice")]),
            new EventMetadata("ann", "quality scenario"));
        var p2022 = Guid.NewGuid();
        await store.AppendManyAsync([Patient(p2022, 40), Tumor(Case2022, p2022, 40, 2022)], new EventMetadata("cy", "quality scenario"));
    }

    private static StreamAppend Patient(Guid id, int i) => new(id, "patient", StreamAppend.NoStream,
    [
        new PatientRegistered { PatientIdNumber = $"{700_000 + i}" },
        new DemographicsRecorded
        {
            DateOfBirth = i == 3 ? null : "19560615", Sex = i == 4 ? "9" : i is 18 ? "2" : i % 2 == 0 ? "1" : "2",
            Race1 = i is 2 or 16 or 31 ? "99" : "01", SpanishHispanicOrigin = "0",
        },
        // Before the day the cases are written (a date of last contact in the future fails an edit); DCO patients are dead.
        .. (IsDco(i)
            ? (DomainEvent[])[new DeathRecorded { DateOfDeath = "20231201", CauseOfDeath = "C349", IcdRevisionNumber = "1" }]
            : [new FollowUpRecorded { DateOfLastContact = "20240115", VitalStatus = "1" }]),
    ]);

    private static bool IsDco(int i) => i is 0 or 1 or 30;

    private static StreamAppend Tumor(Guid id, Guid patient, int i, int year) => new(id, "tumor", StreamAppend.NoStream,
    [
        new CaseOpened { PatientId = patient, ReportingFacility = Facility(i), TypeOfReportingSource = IsDco(i) ? "7" : "1" },
        new AddressAtDiagnosisRecorded { State = "NM", County = i == 17 ? "999" : "001", Country = "USA" },
        new DiagnosisRecorded
        {
            PrimarySite = i == 18 ? "C619" : "C341", Laterality = i == 18 ? "0" : "1", Histology = "8140", Behavior = "3",
            DateOfDiagnosis = $"{year}0301", AgeAtDiagnosis = i == 3 ? "999" : null, DiagnosticConfirmation = "1",
            SequenceNumberHospital = i == 19 ? "01" : "00", ClassOfCase = "10", GradeClinical = "9",
        },
        new StageRecorded { SummaryStage2018 = "2" },
    ]);
}
