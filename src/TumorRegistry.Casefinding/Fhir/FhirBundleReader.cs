using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TumorRegistry.Casefinding;

/// <summary>
/// Reads a FHIR R4 Bundle shaped as the Central Cancer Registry Reporting and mCODE guides send one: Patient, Condition
/// (ICD-10-CM code, ICD-O-3 body site, laterality), Observation (ICD-O-3 histology and behavior), DiagnosticReport
/// (the conclusion is the screened text), Encounter and Organization (the reporting facility). Parsing is Firely's
/// (Hl7.Fhir.R4); what it refuses and what this reader needs are reported by resource and element path.
/// </summary>
public sealed class FhirBundleReader(CasefindingLists lists)
{
    public const string Icd10CmSystem = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string IcdO3System = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    public const string SnomedSystem = "http://snomed.info/sct";
    public const string SsnSystem = "http://hl7.org/fhir/sid/us-ssn";
    public const string NpiSystem = "http://hl7.org/fhir/sid/us-npi";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public ExtractedReport Read(string json)
    {
        Resource resource;
        try { resource = Deserializer.DeserializeResource(json); }
        catch (DeserializationFailedException e)
        {
            throw new ReportRefusedException(e.Exceptions.Select(x => new ReportProblem(Location(x), Problem(x))).Take(20).ToList());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new ReportRefusedException("Bundle", "Not FHIR JSON: " + e.GetType().Name);
        }
        if (resource is not Bundle bundle) throw new ReportRefusedException(resource.TypeName, "A report must be a Bundle.");
        var problems = new List<ReportProblem>();
        var entries = bundle.Entry.Select((e, i) => (Resource: e.Resource!, Where: $"Bundle.entry[{i}].resource")).Where(e => e.Resource is not null).ToList();
        var patients = entries.Where(e => e.Resource is Patient).ToList();
        if (patients.Count != 1) throw new ReportRefusedException("Bundle.entry", $"The bundle must hold one Patient (it holds {patients.Count}).");

        var patient = new Dictionary<string, string>();
        var tumor = new Dictionary<string, string>();
        ReadPatient((Patient)patients[0].Resource, $"{patients[0].Where}(Patient)", patient, problems);
        var codes = new List<ReportCode>();
        var text = new List<string>();
        foreach (var (r, where) in entries)
        {
            var at = $"{where}({r.TypeName})";
            switch (r)
            {
                case Condition c: ReadCondition(c, at, codes, tumor, problems); break;
                case Observation o: ReadObservation(o, at, codes, problems); break;
                case DiagnosticReport d:
                    if (!string.IsNullOrWhiteSpace(d.Conclusion)) text.Add(d.Conclusion);
                    if (d.Effective is FhirDateTime collected && Codes.FhirDate(collected.Value) is { } date) tumor.TryAdd("pathDateSpecCollect1", date);
                    break;
                case Organization org:
                    if (org.Identifier.FirstOrDefault(i => i.System == NpiSystem)?.Value is { Length: > 0 } npi) tumor.TryAdd("reportingFacility", npi);
                    break;
            }
        }
        if (!tumor.ContainsKey("dateOfDiagnosis") && tumor.TryGetValue("pathDateSpecCollect1", out var specimen)) tumor["dateOfDiagnosis"] = specimen;
        if (codes.Count == 0 && text.Count == 0)
            problems.Add(new("Bundle.entry", "The bundle holds neither a coded Condition or Observation nor a DiagnosticReport conclusion."));
        if (problems.Count > 0) throw new ReportRefusedException(problems);
        PathologyReportReader.AddCodes(codes, tumor);
        return new ExtractedReport(ExtractedReport.Fhir, patient, tumor, string.Join("\n", text), codes);
    }

    private void ReadPatient(Patient p, string at, Dictionary<string, string> items, List<ReportProblem> problems)
    {
        var name = p.Name.FirstOrDefault(n => n.Use is null or HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(name?.Family)) problems.Add(new($"{at}.name.family", "The patient's family name is required."));
        PathologyReportReader.Set(items, "nameLast", name?.Family);
        var given = name?.Given.ToList() ?? [];
        PathologyReportReader.Set(items, "nameFirst", given.ElementAtOrDefault(0));
        PathologyReportReader.Set(items, "nameMiddle", given.ElementAtOrDefault(1));
        if (Codes.FhirDate(p.BirthDate) is { Length: 8 } born) items["dateOfBirth"] = born;
        else problems.Add(new($"{at}.birthDate", "The date of birth (YYYY-MM-DD) is required."));
        if (p.Gender is { } g && lists.Sex.TryGetValue(("fhir", Hl7.Fhir.Utility.EnumUtility.GetLiteral(g)!), out var sex)) items["sex"] = sex;
        foreach (var id in p.Identifier)
        {
            if (id.System == SsnSystem) PathologyReportReader.Set(items, "socialSecurityNumber", id.Value?.Replace("-", ""));
            else if (id.Type?.Coding.Any(c => c.Code == "MR") == true) PathologyReportReader.Set(items, "medicalRecordNumber", id.Value);
        }
        var address = p.Address.FirstOrDefault();
        PathologyReportReader.Set(items, "addrAtDxNoStreet", address?.Line.FirstOrDefault());
        PathologyReportReader.Set(items, "addrAtDxCity", address?.City);
        PathologyReportReader.Set(items, "addrAtDxState", address?.State);
        PathologyReportReader.Set(items, "addrAtDxPostalCode", address?.PostalCode?.Replace("-", ""));
        PathologyReportReader.Set(items, "addrAtDxCountry", address?.Country);
    }

    private void ReadCondition(Condition c, string at, List<ReportCode> codes, Dictionary<string, string> tumor, List<ReportProblem> problems)
    {
        foreach (var (coding, i) in (c.Code?.Coding ?? []).Select((x, i) => (x, i)))
        {
            if (coding.System != Icd10CmSystem) continue;
            if (Codes.Icd10Cm(coding.Code ?? "") is { } icd) codes.Add(new(ReportCode.Icd10Cm, icd, $"{at}.code.coding[{i}]"));
            else problems.Add(new($"{at}.code.coding[{i}].code", "Not an ICD-10-CM code."));
        }
        foreach (var (site, i) in c.BodySite.Select((x, i) => (x, i)))
        {
            foreach (var coding in site.Coding.Where(x => x.System == IcdO3System))
            {
                if (Codes.Topography(coding.Code ?? "") is { } topo) codes.Add(new(ReportCode.IcdO3Topography, topo, $"{at}.bodySite[{i}]"));
                else problems.Add(new($"{at}.bodySite[{i}].coding.code", "Not an ICD-O-3 topography code (C50.9)."));
            }
            // mCODE carries laterality as a qualifier extension on the body site.
            foreach (var ext in site.Extension.Select(e => e.Value).OfType<CodeableConcept>().SelectMany(v => v.Coding))
                if (ext.System == SnomedSystem && lists.Laterality.TryGetValue(("SCT", ext.Code ?? ""), out var side)) tumor.TryAdd("laterality", side);
        }
        var onset = c.Onset as FhirDateTime;
        var when = Codes.FhirDate(onset?.Value) ?? Codes.FhirDate(c.RecordedDate);
        if (when is not null) tumor.TryAdd("dateOfDiagnosis", when);
        else if (onset is not null) problems.Add(new($"{at}.onsetDateTime", "Not a FHIR date."));
    }

    private static void ReadObservation(Observation o, string at, List<ReportCode> codes, List<ReportProblem> problems)
    {
        if (o.Value is not CodeableConcept value) return;
        foreach (var coding in value.Coding.Where(x => x.System == IcdO3System))
        {
            if (Codes.Morphology(coding.Code ?? "") is not null) codes.Add(new(ReportCode.IcdO3Morphology, coding.Code!, $"{at}.valueCodeableConcept"));
            else problems.Add(new($"{at}.valueCodeableConcept.coding.code", "Not an ICD-O-3 morphology code (8500/3)."));
        }
    }

    private static string Location(Exception e) =>
        e.GetType().GetProperty("Location")?.GetValue(e) as string ?? e.GetType().GetProperty("InstancePath")?.GetValue(e) as string ?? "Bundle";

    // Firely's messages quote the offending value at times; only its code and the element path leave here.
    private static string Problem(Exception e) => e is Hl7.Fhir.Utility.CodedException c ? $"Not valid FHIR ({c.ErrorCode})." : "Not valid FHIR.";
}
