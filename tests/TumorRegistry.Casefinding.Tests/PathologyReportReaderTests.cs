namespace TumorRegistry.Casefinding.Tests;

public sealed class PathologyReportReaderTests
{
    private readonly PathologyReportReader reader = new(Samples.Lists);

    [Fact]
    public void A_Volume_V_breast_report_gives_the_patient_and_tumor_items_by_naaccrId()
    {
        var report = reader.Read(Samples.Text("path-breast-reportable.hl7"));
        Assert.Equal("Quintero", report.PatientItems["nameLast"]);
        Assert.Equal("Alma", report.PatientItems["nameFirst"]);
        Assert.Equal("Rosa", report.PatientItems["nameMiddle"]);
        Assert.Equal("19580922", report.PatientItems["dateOfBirth"]);
        Assert.Equal("2", report.PatientItems["sex"]);
        Assert.Equal("123456789", report.PatientItems["socialSecurityNumber"]);
        Assert.Equal("MRN00417", report.PatientItems["medicalRecordNumber"]);
        Assert.Equal("880011234", report.PatientItems["addrAtDxPostalCode"]);
        Assert.Equal("C504", report.TumorItems["primarySite"]);
        Assert.Equal("8500", report.TumorItems["histologicTypeIcdO3"]);
        Assert.Equal("3", report.TumorItems["behaviorCodeIcdO3"]);
        Assert.Equal("2", report.TumorItems["laterality"]);
        Assert.Equal("20250310", report.TumorItems["dateOfDiagnosis"]);
        Assert.Equal("1", report.TumorItems["diagnosticConfirmation"]);
        Assert.Equal("1234567890", report.TumorItems["reportingFacility"]);
        Assert.Equal("SP25-1182", report.TumorItems["pathReportNumber1"]);
        Assert.Contains("INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2 (TUBULES 3 & NUCLEI 2 & MITOSES 1).", report.DiagnosisText);
        Assert.DoesNotContain("Palpable", report.DiagnosisText); // history is kept in the raw report, not screened
    }

    private static string Breast => Samples.Text("path-breast-reportable.hl7");

    [Theory]
    [InlineData("ORU^R01^ORU_R01", "ADT^A01^ADT_A01", "MSH[1]-9")]
    [InlineData("|2.5.1|", "|2.3|", "MSH[1]-12")]
    [InlineData("|SPL-2025-000417|", "||", "MSH[1]-10")]
    [InlineData("||19580922|F|", "||19581322|F|", "PID[1]-7")]
    [InlineData("||19580922|F|", "|||F|", "PID[1]-7")]
    [InlineData("||19580922|F|", "||19580922|Q|", "PID[1]-8")]
    [InlineData("Quintero^Alma", "^Alma", "PID[1]-5.1")]
    [InlineData("|MRN00417^^^SUNRISE^MR~123-45-6789^^^SSA^SS|", "||", "PID[1]-3")]
    [InlineData("|||20250310083000-0700|", "|||2025031O|", "OBR[1]-7")]
    [InlineData("8500/3^Infiltrating", "85003^Infiltrating", "OBX[3]-5")]
    public void A_malformed_report_is_refused_naming_segment_and_field(string from, string to, string where)
    {
        var text = Breast.Replace(from, to);
        Assert.NotEqual(Breast, text);
        if (where == "OBR[1]-7") text = text.Replace("|||||||||||||20250310083000-0700", "");
        var e = Assert.Throws<ReportRefusedException>(() => reader.Read(text));
        Assert.Contains(e.Problems, p => p.Where == where);
        Assert.DoesNotContain("19581322", e.Message); // the value never goes into the error
    }

    [Fact]
    public void Missing_segments_are_named()
    {
        var noPid = string.Join("\n", Breast.Split('\n').Where(l => !l.StartsWith("PID")));
        Assert.Contains(Assert.Throws<ReportRefusedException>(() => reader.Read(noPid)).Problems, p => p.Where == "PID");
        Assert.Equal("MSH", Assert.Throws<ReportRefusedException>(() => reader.Read("OBR|1\n")).Problems[0].Where);
    }
}
