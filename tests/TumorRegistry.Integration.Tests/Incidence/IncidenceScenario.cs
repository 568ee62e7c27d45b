using System.Globalization;
using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Incidence.Counting;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Standards;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Standards;

namespace TumorRegistry.Integration.Tests.Incidence;

/// <summary>One made-up tumor as the test abstracts it, with what the table should count it as.</summary>
public sealed record ScenarioTumor(string County, string Site, string Histology, string Behavior, string Sex, string Race1, string Origin,
    int Year, int Age, bool AgeItem, bool Counted = true, string State = "NM", bool Duplicate = false, bool UnknownAge = false,
    string? AgeText = null, string? DxText = null);

/// <summary>
/// A small New Mexico registry whose counts per county and site are known by construction: three counties' SEER
/// population (2018-2020) and a few hundred tumors written as events through the real case projections. The expected
/// table is the pure library's on counts the test derives from its own list (IncidenceCounter), not from SQL.
/// </summary>
public static class IncidenceScenario
{
    public const string Lung = "Lung and Bronchus", Prostate = "Prostate", Bladder = "Urinary Bladder";
    public static readonly IReadOnlyList<string> SiteOrder = [IncidenceSiteGroups.AllSites, Lung, Prostate, Bladder];

    public static IReadOnlyList<PopulationRecord> Population { get; } = SyntheticPopulation.Generate(new SyntheticPopulationOptions
    {
        StatePostal = "NM", StateFips = "35", Counties = 3, FirstYear = 2018, LastYear = 2020, CountySize = (20_000, 200_000), Seed = 7,
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

    /// <summary>Counted by county and site: lung 001 122, 003 60, 005 3; prostate 001 40, 003 5; bladder in situ 001 20.</summary>
    public static IReadOnlyList<ScenarioTumor> Tumors { get; } = Build();

    private static List<ScenarioTumor> Build()
    {
        var list = new List<ScenarioTumor>();
        var races = new[] { "01", "02", "03", "05", "01", "96" };
        var origins = new[] { "0", "1", "9", "0", "2", "0", "0" };
        var i = 0;
        void Add(string county, string site, string hist, string beh, int n, string? sex = null)
        {
            for (var k = 0; k < n; k++, i++)
                list.Add(new ScenarioTumor(county, site, hist, beh, sex ?? (i % 2 == 0 ? "1" : "2"), races[i % races.Length],
                    origins[i % origins.Length], 2018 + i % 3, 30 + i * 7 % 58, AgeItem: i % 2 == 0));
        }
        Add("001", "C341", "8140", "3", 120);
        Add("003", "C349", "8070", "3", 60);
        Add("005", "C340", "8046", "3", 3);
        Add("001", "C619", "8140", "3", 40, "1");
        Add("003", "C619", "8550", "3", 5, "1");
        Add("001", "C679", "8120", "2", 20);
        // Age from the dates: Age at Diagnosis 999 (unknown) with a birth date, and a diagnosis month without a day.
        list.Add(new ScenarioTumor("001", "C341", "8140", "3", "2", "01", "0", 2019, 70, false, AgeText: "999"));
        list.Add(new ScenarioTumor("001", "C341", "8140", "3", "1", "02", "0", 2019, 70, false, DxText: "201906"));
        // Not counted: a duplicate report, a Texas resident, a benign tumor, a year outside the table, and one without any age.
        list.Add(new ScenarioTumor("001", "C341", "8140", "3", "1", "01", "0", 2019, 70, true, Counted: false, Duplicate: true));
        list.Add(new ScenarioTumor("001", "C341", "8140", "3", "1", "01", "0", 2019, 70, true, Counted: false, State: "TX"));
        list.Add(new ScenarioTumor("001", "C341", "8140", "0", "1", "01", "0", 2019, 70, true, Counted: false));
        list.Add(new ScenarioTumor("001", "C341", "8140", "3", "1", "01", "0", 2017, 70, true, Counted: false));
        list.Add(new ScenarioTumor("003", "C341", "8140", "3", "2", "01", "0", 2019, 70, false, Counted: false, UnknownAge: true));
        return list;
    }

    /// <summary>Appends every tumor as patient and tumor streams through the real event store and inline projections.</summary>
    public static async Task LoadAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var marten = RegistryStore.Create(connectionString);
        var store = new RegistryEvents(marten);
        var appends = new List<StreamAppend>();
        var duplicates = new List<StreamAppend>();
        Guid? firstCase = null;
        var n = 0;
        foreach (var t in Tumors)
        {
            var patientId = Guid.NewGuid();
            var caseId = Guid.NewGuid();
            firstCase ??= caseId;
            // Born mid-year so a diagnosis on 1 March is before the birthday: the age is computed from full dates.
            var dx = new DateOnly(t.Year, 3, 1);
            var birth = new DateOnly(t.Year - t.Age - 1, 6, 15);
            appends.Add(new StreamAppend(patientId, "patient", StreamAppend.NoStream,
            [
                new PatientRegistered { PatientIdNumber = (900_000 + n++).ToString(CultureInfo.InvariantCulture) },
                new DemographicsRecorded
                {
                    DateOfBirth = t.AgeItem || t.UnknownAge ? null : Naaccr(birth), Sex = t.Sex, Race1 = t.Race1, SpanishHispanicOrigin = t.Origin,
                },
            ]));
            appends.Add(new StreamAppend(caseId, "tumor", StreamAppend.NoStream,
            [
                new CaseOpened { PatientId = patientId, ReportingFacility = "0006540001", TypeOfReportingSource = "1" },
                new AddressAtDiagnosisRecorded { State = t.State, County = t.County, Country = "USA" },
                new DiagnosisRecorded
                {
                    PrimarySite = t.Site, Histology = t.Histology, Behavior = t.Behavior, DateOfDiagnosis = t.DxText ?? Naaccr(dx),
                    AgeAtDiagnosis = t.AgeText ?? (t.AgeItem ? t.Age.ToString("D3", CultureInfo.InvariantCulture) : null), DiagnosticConfirmation = "1",
                },
            ]));
            if (t.Duplicate)
                duplicates.Add(new StreamAppend(caseId, "tumor", 3, [new CaseMarkedDuplicate(firstCase.Value, "same tumor reported twice")]));
        }
        var metadata = new EventMetadata("test.registrar", "incidence scenario");
        await store.AppendManyAsync(appends, metadata);
        await store.AppendManyAsync(duplicates, metadata);
    }

    private static string Naaccr(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The counts the table should hold, from the test's own list through the pure counter.</summary>
    public static IReadOnlyList<CaseCount> ExpectedCounts(bool byOrigin = true)
    {
        var recode = NaaccrStandards.Default.SiteRecode;
        var tumors = Tumors.Where(t => !t.Duplicate && !t.UnknownAge).Select((t, i) =>
        {
            var site = recode.Classify(t.Site, t.Histology, t.Behavior, t.Year)?.Name;
            return new IncidenceTumor(i.ToString(CultureInfo.InvariantCulture), new TumorRecord(t.Behavior, t.Site, t.Histology, t.State),
                "35" + t.County, t.Sex == "1" ? Sex.Male : Sex.Female, RaceLabel(t.Race1, t.Origin, byOrigin), t.Year, t.Age, site);
        }).ToList();
        var bySite = IncidenceCounter.Count(tumors, "NM");
        var allSites = IncidenceCounter.Count(tumors.Select(t => t with { SiteGroup = IncidenceSiteGroups.AllSites }), "NM");
        return [.. bySite, .. allSites];
    }

    // Written out here rather than taken from the code under test: 01 White, 02 Black, 03 AIAN, 04-97 API; origin 1-8 Hispanic.
    private static string RaceLabel(string race1, string origin, bool byOrigin)
    {
        if (byOrigin && origin is "1" or "2" or "3" or "4" or "5" or "6" or "7" or "8") return "Hispanic";
        var race = race1 switch
        {
            "01" => "White", "02" => "Black", "03" => "American Indian/Alaska Native", _ => "Asian/Pacific Islander",
        };
        return byOrigin ? "Non-Hispanic " + race : race;
    }

    public static IncidenceTable ExpectedTable(AreaLevel area, bool bySex, bool byRace, PeriodMode periods, IReadOnlyList<string>? sites = null,
        int threshold = 16, StandardPopulation? standard = null, IReadOnlyList<PopulationRecord>? population = null, bool byOrigin = true) =>
        IncidenceTableBuilder.Build(new IncidenceTableRequest
        {
            Standard = standard ?? StandardPopulation.Us2000(), FirstYear = 2018, LastYear = 2020, Area = area, BySex = bySex, ByRace = byRace,
            Periods = periods, SiteGroups = sites ?? SiteOrder, SuppressionThreshold = threshold,
            SexSpecificSites = new IncidenceSiteGroups(NaaccrStandards.Default.SiteRecode).SexSpecific,
            // County names come from the shipped us-atlas boundaries (e.g. 35001 Bernalillo).
            AreaNames = new Dictionary<string, string>(TumorRegistry.Infrastructure.Incidence.RegistryIncidence.Map.CountyNames("35")) { ["35"] = "New Mexico" },
        }, ExpectedCounts(byOrigin), SeerPopulationFile.ToCells(population ?? Population));
}
