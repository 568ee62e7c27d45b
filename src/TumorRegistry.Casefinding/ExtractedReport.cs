namespace TumorRegistry.Casefinding;

/// <summary>A code a report carries, with where it was found (segment/field or resource/element).</summary>
public sealed record ReportCode(string System, string Code, string Where)
{
    public const string IcdO3Topography = "ICD-O-3 topography";
    public const string IcdO3Morphology = "ICD-O-3 morphology";
    public const string Icd10Cm = "ICD-10-CM";
}

/// <summary>
/// What a report says, as NAACCR items keyed by naaccrId (patient items and tumor items apart, as in a NAACCR XML
/// Patient and Tumor), the diagnosis text that was screened, and the codes it carries. This is what linkage (patient
/// items), multiple-primary rules and consolidation (tumor items) take from a report.
/// </summary>
public sealed record ExtractedReport(
    string Format,
    IReadOnlyDictionary<string, string> PatientItems,
    IReadOnlyDictionary<string, string> TumorItems,
    string DiagnosisText,
    IReadOnlyList<ReportCode> Codes)
{
    public const string Hl7v2 = "hl7v2";
    public const string Fhir = "fhir";
}
