namespace TumorRegistry.Casefinding.Tests;

public sealed class FhirBundleReaderTests
{
    private readonly FhirBundleReader reader = new(Samples.Lists);

    [Fact]
    public void A_cancer_reporting_bundle_gives_the_patient_and_tumor_items()
    {
        var report = reader.Read(Samples.Text("ehr-lung-reportable.json"));
        Assert.Equal("Tsosie", report.PatientItems["nameLast"]);
        Assert.Equal("Henry", report.PatientItems["nameFirst"]);
        Assert.Equal("Lee", report.PatientItems["nameMiddle"]);
        Assert.Equal("19491130", report.PatientItems["dateOfBirth"]);
        Assert.Equal("1", report.PatientItems["sex"]);
        Assert.Equal("987654320", report.PatientItems["socialSecurityNumber"]);
        Assert.Equal("HMC-20931", report.PatientItems["medicalRecordNumber"]);
        Assert.Equal("87401", report.PatientItems["addrAtDxPostalCode"]);
        Assert.Equal("C341", report.TumorItems["primarySite"]);
        Assert.Equal("8140", report.TumorItems["histologicTypeIcdO3"]);
        Assert.Equal("3", report.TumorItems["behaviorCodeIcdO3"]);
        Assert.Equal("1", report.TumorItems["laterality"]);
        Assert.Equal("20250211", report.TumorItems["dateOfDiagnosis"]);
        Assert.Equal("1987654321", report.TumorItems["reportingFacility"]);
        Assert.Contains(report.Codes, c => c is { System: ReportCode.Icd10Cm, Code: "C3411" });
    }

    [Theory]
    [InlineData("\"birthDate\": \"1949-11-30\"", "\"birthDate\": \"1949-13-30\"", "birthDate")]
    [InlineData("\"birthDate\": \"1949-11-30\",", "", "Bundle.entry[0].resource(Patient).birthDate")]
    [InlineData("\"family\": \"Tsosie\",", "", "Bundle.entry[0].resource(Patient).name.family")]
    [InlineData("\"code\": \"8140/3\"", "\"code\": \"8140\"", "Bundle.entry[4].resource(Observation).valueCodeableConcept.coding.code")]
    [InlineData("\"resourceType\": \"Patient\", \"id\": \"p1\",", "\"resourceType\": \"Patient\", \"id\": \"p1\", \"colour\": 1,", "colour")]
    public void A_malformed_bundle_is_refused_naming_resource_and_element(string from, string to, string where)
    {
        var text = Samples.Text("ehr-lung-reportable.json");
        Assert.Contains(from, text);
        var e = Assert.Throws<ReportRefusedException>(() => reader.Read(text.Replace(from, to)));
        Assert.Contains(e.Problems, p => p.Where.Contains(where, StringComparison.Ordinal));
        Assert.DoesNotContain("1949-13-30", e.Message);
    }

    [Fact]
    public void Not_JSON_or_not_a_bundle_is_refused()
    {
        Assert.Throws<ReportRefusedException>(() => reader.Read("{ not json"));
        Assert.Equal("Patient", Assert.Throws<ReportRefusedException>(() => reader.Read("{\"resourceType\":\"Patient\",\"id\":\"x\",\"gender\":\"male\"}")).Problems[0].Where);
    }
}
