using TumorRegistry.Domain.Edits;

namespace TumorRegistry.Domain.Tests.Edits;

public class EditTests
{
    private static readonly EditEngine Engine = EditEngine.Default;

    /// <summary>Each edit: changes to the clean abstract that fail it, and changes that pass it (not skip).</summary>
    public static readonly TheoryData<string, string, string> Cases = new()
    {
        { "TR001", "primarySite=", "" },
        { "TR010", "dateOfDiagnosis=19700101", "dateOfBirth=19730729;dateOfDiagnosis=1973" },
        { "TR011", "dateOfLastContact=20221231", "dateOfLastContact=2023" },
        { "TR012", "dateOfLastContact=19700101", "" },
        { "TR013", "dateOfDiagnosis=20990101", "dateOfDiagnosis=2025" },
        { "TR014", "dateOfLastContact=20990101", "dateOfLastContact=2025" },
        { "TR015", "dateOfBirth=20990101", "" },
        { "TR016", "ageAtDiagnosis=055", "" },
        { "TR017", "dateOfBirth=18900101", "" },
        { "TR018", "dateOfLastCancerStatus=20220101", "" },
        { "TR050", "rxDateSurgery=20221201", "" },
        { "TR051", "rxDateRadiation=20250101", "" },
        { "TR052", "rxDateSurgery=", "" },
        { "TR053", "reasonForNoSurgery=1", "rxSummSurgPrimSite=00;reasonForNoSurgery=1;rxDateSurgery=" },
        { "TR054", "rxSummSurgPrimSite=00;reasonForNoSurgery=1", "rxSummSurgPrimSite=00;reasonForNoSurgery=1;rxDateSurgery=" },
        { "TR055", "rxDateChemo=20230301", "" },
        { "TR056", "reasonForNoRadiation=1", "phase1RadiationTreatmentModality=00;reasonForNoRadiation=1;rxDateRadiation=" },
        { "TR100", "primarySite=C507", "" },
        { "TR101", "primarySite=C539;laterality=0;sex=1", "primarySite=C539;laterality=0" },
        { "TR102", "primarySite=C619;laterality=0", "primarySite=C619;laterality=0;sex=1" },
        { "TR103", "laterality=0", "" },
        { "TR104", "primarySite=C619", "primarySite=C619;laterality=0" },
        { "TR105", "primarySite=C809;laterality=1", "primarySite=C809;laterality=0" },
        { "TR106", "laterality=4", "primarySite=C569;laterality=4;histologicTypeIcdO3=8441" },
        { "TR107", "laterality=5", "primarySite=C711;laterality=5;histologicTypeIcdO3=9440" },
        { "TR108", "histologicTypeIcdO3=9861;primarySite=C779", "histologicTypeIcdO3=9861;primarySite=C421" },
        { "TR120", "behaviorCodeIcdO3=0", "" },
        { "TR121", "behaviorCodeIcdO3=6", "" },
        { "TR122", "behaviorCodeIcdO3=2;diagnosticConfirmation=7", "behaviorCodeIcdO3=2" },
        { "TR123", "diagnosticConfirmation=3", "diagnosticConfirmation=3;histologicTypeIcdO3=9680;primarySite=C779" },
        { "TR124", "sequenceNumberHospital=60", "" },
        { "TR125", "sequenceNumberCentral=60", "sequenceNumberCentral=60;behaviorCodeIcdO3=1" },
        { "TR126", "behaviorCodeIcdO3=0;histologicTypeIcdO3=8140", "behaviorCodeIcdO3=0;primarySite=C700;histologicTypeIcdO3=9530;laterality=0" },
        { "TR127", "gradeClinical=", "" },
        { "TR140", "behaviorCodeIcdO3=2", "behaviorCodeIcdO3=2;summaryStage2018=0" },
        { "TR141", "summaryStage2018=0", "summaryStage2018=0;behaviorCodeIcdO3=2" },
        { "TR142", "summaryStage2018=", "" },
        { "TR143", "primarySite=C809;laterality=0", "primarySite=C809;laterality=0;summaryStage2018=9" },
        { "TR160", "causeOfDeath=C509", "" },
        { "TR161", "vitalStatus=0", "vitalStatus=0;causeOfDeath=C509;icdRevisionNumber=1" },
        { "TR162", "icdRevisionNumber=1", "" },
        { "TR163", "vitalStatus=0;causeOfDeath=1234;icdRevisionNumber=1", "vitalStatus=0;causeOfDeath=C509;icdRevisionNumber=1" },
        { "TR164", "typeOfReportingSource=7", "typeOfReportingSource=7;vitalStatus=0" },
        { "TR165", "classOfCase=49", "classOfCase=49;vitalStatus=0" },
        { "TR166", "typeOfReportingSource=7;vitalStatus=0", "typeOfReportingSource=7;vitalStatus=0;dateOfLastContact=20230115" },
        { "TR200", "race1=88", "" },
        { "TR201", "race1=99", "race1=99;race2=99;race3=99;race4=99;race5=99" },
        { "TR202", "race2=99", "" },
        { "TR203", "race2=02;race3=88;race4=04", "race2=02" },
        { "TR204", "race2=01", "race2=02" },
        { "TR205", "socialSecurityNumber=000123456", "" },
        { "TR206", "addrAtDxPostalCode=6310", "addrAtDxPostalCode=K1A0B1" },
        { "TR207", "censusTract2020=01010", "" },
        { "TR208", "countyAtDx=51", "" },
        { "CODE-laterality", "laterality=7", "" },
        { "CODE-race1", "race1=42", "" },
        { "DATE-dateOfBirth", "dateOfBirth=20230230", "dateOfBirth=1973" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Edit_fails_and_passes(string editId, string failing, string passing)
    {
        Assert.Equal(EditOutcome.Fail, Engine.Run(Abstracts.Case(failing), Abstracts.Today).For(editId)!.Outcome);
        Assert.Equal(EditOutcome.Pass, Engine.Run(Abstracts.Case(passing), Abstracts.Today).For(editId)!.Outcome);
    }

    [Fact]
    public void Every_cross_item_edit_has_a_failing_and_a_passing_case()
    {
        var tested = Cases.Select(row => (string)row[0]).ToHashSet();
        var untested = Engine.Catalog.CrossItem.Select(e => e.Id).Except(tested).ToList();
        Assert.Equal([], untested);
    }

    [Fact]
    public void The_clean_abstract_passes_every_edit()
    {
        var failures = Engine.Run(Abstracts.Case(), Abstracts.Today).Failures.Select(f => f.Edit.Id);
        Assert.Empty(failures);
    }

    [Fact]
    public void Blank_items_skip_edits_instead_of_failing_them()
    {
        var report = Engine.Run(new Dictionary<string, string>(), Abstracts.Today);
        Assert.Equal(["TR001"], report.Failures.Select(f => f.Edit.Id));
        Assert.Equal(EditOutcome.Skipped, report.For("TR101")!.Outcome);
    }

    [Fact]
    public void Override_clears_only_overridable_edits()
    {
        var items = Abstracts.Case("behaviorCodeIcdO3=0;rxSummSurgPrimSite=00;reasonForNoSurgery=1");
        var report = Engine.Run(items, Abstracts.Today, new HashSet<string> { "TR120", "TR054" });
        Assert.True(report.For("TR120")!.Overridden);
        Assert.False(report.For("TR120")!.Blocks);
        Assert.False(report.For("TR054")!.Overridden); // not overridable: still blocks
        Assert.True(report.For("TR054")!.Blocks);
    }

    [Fact]
    public void V26_sex_assigned_at_birth_is_read_by_sex_edits()
    {
        var items = Abstracts.Case("primarySite=C619;laterality=0;sex=;sexAssignedAtBirth=2");
        Assert.Equal(EditOutcome.Fail, Engine.Run(items, Abstracts.Today).For("TR102")!.Outcome);
    }
}
