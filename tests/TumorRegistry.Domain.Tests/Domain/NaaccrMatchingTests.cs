using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Tests.Domain;

/// <summary>What an incoming record changes (pure), and what an export writes of items.</summary>
public class NaaccrMatchingTests
{
    private static readonly Guid PatientId = Guid.NewGuid(), CaseId = Guid.NewGuid();

    private static NaaccrPatientRecord Record(string site, string? recordNumber = "01")
    {
        var r = new NaaccrPatientRecord();
        r.Items["patientIdNumber"] = "00001234";
        r.Items["nameLast"] = "Ortiz";
        var t = new NaaccrTumorRecord();
        if (recordNumber is not null) t.Items["tumorRecordNumber"] = recordNumber;
        t.Items["primarySite"] = site;
        t.Items["reportingFacility"] = "0000000101";
        t.Items["accessionNumberHosp"] = "202400001";
        t.Items["sequenceNumberHospital"] = "00";
        r.Tumors.Add(t);
        return r;
    }

    private static (KnownPatient, KnownCase) Known(string site) => (
        new KnownPatient(PatientId, 2, new Dictionary<string, string> { ["patientIdNumber"] = "00001234", ["nameLast"] = "Ortiz" }),
        new KnownCase(CaseId, PatientId, 2, new Dictionary<string, string>
        {
            ["tumorRecordNumber"] = "01", ["primarySite"] = site, ["reportingFacility"] = "0000000101",
            ["accessionNumberHosp"] = "202400001", ["sequenceNumberHospital"] = "00", ["laterality"] = "1",
        }, false));

    [Fact]
    public void A_record_equal_to_the_registry_changes_nothing()
    {
        var (p, c) = Known("C509");
        var outcome = NaaccrMatching.Decide(Record("C509"), p, [c], "src", "import of f (src)", Guid.NewGuid);
        Assert.Empty(outcome.Changes);
        Assert.Equal((false, 0, 1), (outcome.PatientCreated, outcome.TumorsCreated, outcome.TumorsMatched));
    }

    [Fact]
    public void A_changed_value_is_one_correction_at_the_read_version_and_left_out_items_stay()
    {
        var (p, c) = Known("C509");
        var outcome = NaaccrMatching.Decide(Record("C508"), p, [c], "src", "import of f (src)", Guid.NewGuid);
        var change = Assert.Single(outcome.Changes);
        Assert.Equal((CaseId, 2), (change.StreamId, change.ExpectedVersion));
        var corrected = Assert.IsType<ItemsCorrected>(Assert.Single(change.Events));
        Assert.Equal("import of f (src)", corrected.Reason);
        Assert.Equal(new ItemCorrection("primarySite", "C509", "C508"), Assert.Single(corrected.Corrections)); // laterality untouched
    }

    [Fact]
    public void Without_a_tumor_record_number_the_facility_accession_and_sequence_match()
    {
        var (p, c) = Known("C509");
        var outcome = NaaccrMatching.Decide(Record("C509", recordNumber: null), p, [c], "src", "r", Guid.NewGuid);
        Assert.Equal((0, 1), (outcome.TumorsCreated, outcome.TumorsMatched));
    }

    [Fact]
    public void An_unknown_patient_is_created_with_its_cases_and_a_new_tumor_of_a_known_patient_is_opened()
    {
        var created = NaaccrMatching.Decide(Record("C509"), null, [], "src", "r", Guid.NewGuid);
        Assert.Equal((true, 1, 2), (created.PatientCreated, created.TumorsCreated, created.Changes.Count));
        Assert.All(created.Changes, c => Assert.Equal(0, c.ExpectedVersion));

        var (p, c) = Known("C509");
        var another = Record("C619", recordNumber: "02");
        another.Tumors[0].Items["accessionNumberHosp"] = "202400002";
        var second = NaaccrMatching.Decide(another, p, [c], "src", "r", Guid.NewGuid);
        Assert.Equal((1, 0), (second.TumorsCreated, second.TumorsMatched));
        Assert.IsType<CaseOpened>(second.Changes.Single().Events[0]);
    }

    [Fact]
    public void A_change_to_a_case_marked_duplicate_refuses_the_record()
    {
        var (p, c) = Known("C509");
        Assert.Throws<NaaccrRecordRefusedException>(() =>
            NaaccrMatching.Decide(Record("C508"), p, [c with { Duplicate = true }], "src", "r", Guid.NewGuid));
    }

    [Fact]
    public void Export_rules_convert_sex_for_v26_keep_record_types_and_de_identify()
    {
        var items = new Dictionary<string, string>
        {
            ["patientIdNumber"] = "00001234", ["nameLast"] = "Ortiz", ["sex"] = "2", ["dateOfBirth"] = "19400312",
            ["socialSecurityNumber"] = "123456789", ["addrCurrentPostalCode"] = "871011234",
        };
        var left = 0;
        var v26 = NaaccrExportRules.Items(items, NaaccrParent.Patient, NaaccrStandards.Default.Dictionaries["260"], "A", false, ref left);
        Assert.Equal("2", v26["sexAssignedAtBirth"]);
        Assert.False(v26.ContainsKey("sex"));
        Assert.Equal("Ortiz", v26["nameLast"]);

        var incidence = NaaccrExportRules.Items(items, NaaccrParent.Patient, NaaccrStandards.Default.Dictionaries["250"], "I", false, ref left);
        Assert.False(incidence.ContainsKey("nameLast"));
        Assert.False(incidence.ContainsKey("socialSecurityNumber"));
        Assert.Equal("19400312", incidence["dateOfBirth"]);

        var deid = NaaccrExportRules.Items(items, NaaccrParent.Patient, NaaccrStandards.Default.Dictionaries["250"], "A", true, ref left);
        Assert.Equal(["addrCurrentPostalCode", "dateOfBirth", "sex"], deid.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("1940", "871"), (deid["dateOfBirth"], deid["addrCurrentPostalCode"]));
        Assert.Equal("090", NaaccrExportRules.Deidentify("ageAtDiagnosis", "094"));
        Assert.Equal("089", NaaccrExportRules.Deidentify("ageAtDiagnosis", "089"));
        Assert.Equal("999", NaaccrExportRules.Deidentify("ageAtDiagnosis", "999"));
    }
}
