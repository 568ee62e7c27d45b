namespace TumorRegistry.Casefinding.Tests;

public sealed class ReportabilityScreenTests
{
    private readonly ReportabilityScreen screen = new(Samples.Lists);

    private ScreeningResult Text(string text, params ReportCode[] codes) =>
        screen.Screen(new ExtractedReport("test", new Dictionary<string, string>(), new Dictionary<string, string>(), text, codes));

    [Fact]
    public void The_samples_are_screened_with_their_reasons()
    {
        var breast = screen.Screen(new PathologyReportReader(Samples.Lists).Read(Samples.Text("path-breast-reportable.hl7")));
        Assert.True(breast.Reportable);
        Assert.Contains(breast.Reasons, r => r.Kind == ScreeningReason.Code && r.Found == "ICD-O-3 8500/3" && r.Reportable);
        Assert.Contains(breast.Reasons, r => r.Kind == ScreeningReason.Term && r.Found == "carcinoma");

        var colon = screen.Screen(new PathologyReportReader(Samples.Lists).Read(Samples.Text("path-colon-negated.hl7")));
        Assert.False(colon.Reportable);
        Assert.Contains(colon.Reasons, r => r.Kind == ScreeningReason.Negated && r.Found == "malignancy");
        Assert.Contains(colon.Reasons, r => r.Kind == ScreeningReason.Negated && r.Found == "carcinoma" && r.Why.Contains("no evidence of"));

        var lung = screen.Screen(new FhirBundleReader(Samples.Lists).Read(Samples.Text("ehr-lung-reportable.json")));
        Assert.True(lung.Reportable);
        Assert.Contains(lung.Reasons, r => r.Found == "ICD-10-CM C3411" && r.Reportable);

        var polyp = screen.Screen(new FhirBundleReader(Samples.Lists).Read(Samples.Text("ehr-colon-not-reportable.json")));
        Assert.False(polyp.Reportable);
        Assert.Contains(polyp.Reasons, r => r.Found == "ICD-10-CM K635" && !r.Reportable);
        Assert.Contains(polyp.Reasons, r => r.Kind == ScreeningReason.Ambiguous && r.Found == "rule out lymphoma");
    }

    [Theory]
    [InlineData("Adenocarcinoma, moderately differentiated.", true, "term")]
    [InlineData("Suspicious for adenocarcinoma.", true, "ambiguous")]
    [InlineData("Findings consistent with lymphoma.", true, "ambiguous")]
    [InlineData("Atypical cells, possible carcinoma.", false, "ambiguous")]
    [InlineData("Rule out leukemia.", false, "ambiguous")]
    [InlineData("Carcinoma cannot be ruled out", false, "ambiguous")]
    [InlineData("Lymphoma, probable.", true, "ambiguous")]
    [InlineData("Negative for malignancy.", false, "negated")]
    [InlineData("No evidence of carcinoma.", false, "negated")]
    [InlineData("Carcinoma is not identified.", false, "negated")]
    [InlineData("Patient with a history of melanoma; benign nevus.", false, "negated")]
    [InlineData("Benign nevus; no malignancy. Separate focus of melanoma in situ.", true, "term")]
    [InlineData("Chronic gastritis.", false, "none")]
    public void Terms_are_read_with_ambiguous_terms_and_negation_in_their_clause(string text, bool reportable, string kind)
    {
        var result = Text(text);
        Assert.Equal(reportable, result.Reportable);
        Assert.Contains(result.Reasons, r => r.Kind == kind && r.Reportable == reportable);
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrEmpty(r.Why)));
    }

    [Theory]
    [InlineData("D05.11", true)]
    [InlineData("D06.9", false)]
    [InlineData("D04.5", false)]
    [InlineData("C44.91", false)]
    [InlineData("C4A.9", true)]
    [InlineData("D32.0", true)]
    [InlineData("D35.2", true)]
    [InlineData("D35.1", false)]
    [InlineData("D47.02", true)]
    [InlineData("D47.01", false)]
    [InlineData("D18.02", true)]
    [InlineData("D18.01", false)]
    [InlineData("C96.9", true)]
    [InlineData("Z85.3", false)]
    public void ICD_10_CM_codes_follow_the_casefinding_list(string code, bool reportable) =>
        Assert.Equal(reportable, Text("", new ReportCode(ReportCode.Icd10Cm, Codes.Icd10Cm(code)!, "x")).Reportable);

    [Theory]
    [InlineData("8500/3", "C504", true)]
    [InlineData("8500/2", "C504", true)]
    [InlineData("9530/0", "C700", true)] // benign meningioma: reportable CNS site
    [InlineData("8272/0", "C751", true)] // pituitary adenoma
    [InlineData("8140/0", "C189", false)] // benign adenoma of colon
    [InlineData("8077/2", "C539", false)] // CIN III
    [InlineData("8090/3", "C443", false)] // basal cell carcinoma of skin
    [InlineData("8720/3", "C443", true)] // melanoma of skin is reportable
    public void ICD_O_3_codes_follow_behavior_site_and_the_exceptions(string morphology, string site, bool reportable) =>
        Assert.Equal(reportable, Text("", new ReportCode(ReportCode.IcdO3Topography, site, "x"), new ReportCode(ReportCode.IcdO3Morphology, morphology, "y")).Reportable);
}
