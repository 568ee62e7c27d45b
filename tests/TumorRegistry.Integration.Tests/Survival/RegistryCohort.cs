using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Integration.Tests.Survival;

/// <summary>One tumor with its patient, as a test writes it and as the estimators should see it.</summary>
public sealed record TestCase
{
    public Guid CaseId { get; init; } = Guid.NewGuid();
    public Guid PatientId { get; init; } = Guid.NewGuid();
    public required string Site { get; init; }          // primary site, e.g. C341
    public required string Recode { get; init; }        // the SEER site recode 2023 the site maps to (stated, not looked up)
    public string Histology { get; init; } = "8140";
    public required string DateOfDiagnosis { get; init; }
    /// <summary>Abstracted ageAtDiagnosis; null leaves the item out so the age comes from the dates.</summary>
    public int? AgeItem { get; init; }
    /// <summary>The age the report should use (the item, or what the dates give).</summary>
    public required int ExpectedAge { get; init; }
    public string? DateOfBirth { get; init; }
    public required string Sex { get; init; }
    public string Race { get; init; } = "01";
    public required string Stage { get; init; }
    public string Facility { get; init; } = "0000001234";
    public string State { get; init; } = "NM";
    public string County { get; init; } = "001";
    public string Source { get; init; } = "1";
    public required string VitalStatus { get; init; }
    public required string DateOfLastContact { get; init; }
    public string? CauseOfDeath { get; init; }
    public string Sequence { get; init; } = "00";
    public Guid? DuplicateOf { get; init; }
    public int DxYear => int.Parse(DateOfDiagnosis[..4]);

    /// <summary>The case as the survival library takes it, built here independently of the SQL.</summary>
    public SurvivalCase ToSurvivalCase(string? group = null) =>
        new(CaseId.ToString(), DateOfDiagnosis, DateOfLastContact, VitalStatus, Source, CauseOfDeath, Recode, Sequence,
            ExpectedAge, Sex, Race, group, DateOfBirth);
}

/// <summary>
/// A registry of a few dozen cases written as events through the real case projections (patients and case_summary),
/// with follow-up patterns chosen so curves differ by stage and site.
/// </summary>
public static class RegistryCohort
{
    public static readonly DateOnly Cutoff = new(2024, 12, 31);

    public static IReadOnlyList<TestCase> Build()
    {
        var cases = new List<TestCase>();
        (string Site, string Recode, string Cause)[] sites = [("C341", "30", "C349"), ("C182", "20", "C189"), ("C504", "39", "C509")];
        string[] stages = ["1", "3", "7"];
        for (int i = 0; i < 36; i++)
        {
            var (site, recode, cause) = sites[i % 3];
            var stage = stages[i / 3 % 3];
            var dx = new DateOnly(2015 + i % 6, 1 + i % 12, 1 + i * 3 % 28);
            var days = 20 + i * 97 % 2500 / (stage == "7" ? 4 : 1);
            bool dead = stage == "7" ? i % 5 != 4 : i % 5 == 0;
            var age = 40 + i * 7 % 45;
            cases.Add(new TestCase
            {
                Site = site, Recode = recode, Histology = site == "C504" ? "8500" : "8140",
                DateOfDiagnosis = Naaccr(dx), AgeItem = age, ExpectedAge = age,
                Sex = site == "C504" || i % 2 == 1 ? "2" : "1", Race = i % 4 == 0 ? "02" : "01", Stage = stage,
                Facility = i % 2 == 0 ? "0000001234" : "0000005678", County = i % 3 == 0 ? "001" : "013",
                VitalStatus = dead ? "0" : "1", DateOfLastContact = Naaccr(dx.AddDays(days)),
                CauseOfDeath = dead ? (i % 7 == 0 ? "I219" : cause) : "0000",
            });
        }
        // Unknown diagnosis day: the survival-time rules impute it.
        cases.Add(Lung("201806", 70, "0", "20191115", "C349") with { Stage = "3" });
        // Death certificate only: no survival time; must be counted as excluded.
        cases.Add(Lung("20190310", 77, "0", "20190310", "C349") with { Source = "7", Stage = "9" });
        // Age from the dates: the birthday comes 5 days after diagnosis (64), or 9 days before (65).
        cases.Add(Lung("20200810", null, "1", "20231001", null) with { DateOfBirth = "19550815", ExpectedAge = 64, Stage = "1" });
        cases.Add(Lung("20200810", null, "0", "20220101", "C349") with { DateOfBirth = "19550801", ExpectedAge = 65, Stage = "1" });
        // Dead with the cause unknown (7797): excluded from cause-specific survival only.
        cases.Add(Lung("20170505", 58, "0", "20180606", "7797") with { Stage = "7", Sex = "2" });
        // A second abstract of the first lung tumor, marked duplicate: never in any statistic.
        cases.Add(cases[0] with { CaseId = Guid.NewGuid(), PatientId = Guid.NewGuid(), DuplicateOf = cases[0].CaseId });
        // Stomach, to check a parent group (Digestive System) picks up more than one recode.
        cases.Add(new TestCase
        {
            Site = "C169", Recode = "17", DateOfDiagnosis = "20190401", AgeItem = 81, ExpectedAge = 81, Sex = "1", Stage = "7",
            VitalStatus = "0", DateOfLastContact = "20190901", CauseOfDeath = "C169", County = "013",
        });
        return cases;
    }

    static TestCase Lung(string dx, int? age, string vital, string lastContact, string? cause) => new()
    {
        Site = "C341", Recode = "30", DateOfDiagnosis = dx, AgeItem = age, ExpectedAge = age ?? -1, Sex = "1", Stage = "3",
        VitalStatus = vital, DateOfLastContact = lastContact, CauseOfDeath = cause,
    };

    static string Naaccr(DateOnly d) => d.ToString("yyyyMMdd");

    /// <summary>Writes each case as a patient stream and a tumor stream; the inline projections fill the read model.</summary>
    public static async Task WriteAsync(string connectionString, IEnumerable<TestCase> cases)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var marten = RegistryStore.Create(connectionString);
        var store = new RegistryEvents(marten);
        var who = new EventMetadata("ctr.survival-test", "test cohort");
        foreach (var c in cases)
        {
            var patientItems = new Dictionary<string, string>
            {
                ["sex"] = c.Sex, ["race1"] = c.Race, ["vitalStatus"] = c.VitalStatus, ["dateOfLastContact"] = c.DateOfLastContact,
            };
            if (c.DateOfBirth is { } dob) patientItems["dateOfBirth"] = dob;
            if (c.CauseOfDeath is { } cod) patientItems["causeOfDeath"] = cod;
            var tumorItems = new Dictionary<string, string>
            {
                ["primarySite"] = c.Site, ["histologicTypeIcdO3"] = c.Histology, ["behaviorCodeIcdO3"] = "3",
                ["dateOfDiagnosis"] = c.DateOfDiagnosis, ["sequenceNumberCentral"] = c.Sequence, ["summaryStage2018"] = c.Stage,
                ["addrAtDxState"] = c.State, ["countyAtDx"] = c.County,
            };
            if (c.AgeItem is { } age) tumorItems["ageAtDiagnosis"] = age.ToString("D3");
            List<object> tumorEvents =
            [
                new CaseOpened { PatientId = c.PatientId, ReportingFacility = c.Facility, TypeOfReportingSource = c.Source },
                new ItemsImported(tumorItems, "survival test"),
            ];
            if (c.DuplicateOf is { } original) tumorEvents.Add(new CaseMarkedDuplicate(original, "second abstract of the same tumor"));
            await store.AppendManyAsync(
            [
                new StreamAppend(c.PatientId, "patient", StreamAppend.NoStream,
                    [new PatientRegistered { PatientIdNumber = c.PatientId.ToString("N")[..8] }, new ItemsImported(patientItems, "survival test")]),
                new StreamAppend(c.CaseId, "tumor", StreamAppend.NoStream, tumorEvents),
            ], who);
        }
    }
}
