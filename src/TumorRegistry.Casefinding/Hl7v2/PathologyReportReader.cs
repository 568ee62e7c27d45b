using TumorRegistry.Casefinding.Hl7v2;

namespace TumorRegistry.Casefinding;

/// <summary>
/// Reads an HL7 v2.5.1 ORU^R01 pathology report laid out as NAACCR Volume V asks: MSH (sending lab), PID (patient),
/// ORC/OBR (the order and the specimen's collection time), OBX (the report sections by LOINC, coded results), SPM
/// (the specimen). Every problem is collected and the report refused with all of them, each naming segment and field.
/// </summary>
public sealed class PathologyReportReader(CasefindingLists lists)
{
    public ExtractedReport Read(string text)
    {
        var message = Hl7Message.Parse(text);
        var problems = new List<ReportProblem>();
        var msh = message.Segments[0];
        if (msh.Value(9, 1) != "ORU" || msh.Value(9, 2) != "R01")
            problems.Add(new(msh.FieldWhere(9), "The message type must be ORU^R01 (an unsolicited observation result)."));
        Require(msh, 10, "the message control id", problems);
        if (!msh.Value(12).StartsWith("2.5", StringComparison.Ordinal))
            problems.Add(new(msh.FieldWhere(12), "The version must be 2.5.1 (NAACCR Volume V)."));
        if (msh.Value(7).Length > 0 && Codes.Hl7Date(msh.Value(7)) is null) problems.Add(new(msh.FieldWhere(7), "Not an HL7 date/time."));

        var pid = message.First("PID");
        var obr = message.First("OBR");
        if (pid is null) problems.Add(new("PID", "The PID segment (the patient) is missing."));
        if (obr is null) problems.Add(new("OBR", "The OBR segment (the order and specimen) is missing."));
        if (pid is null || obr is null) throw new ReportRefusedException(problems);

        var patient = new Dictionary<string, string>();
        var tumor = new Dictionary<string, string>();
        ReadPatient(pid, patient, problems);

        // The specimen's collection time is the date of diagnosis a pathology report gives: SPM-17 when sent, else OBR-7.
        var spm = message.First("SPM");
        var (collected, where) = spm is not null && spm.Value(17).Length > 0 ? (spm.Value(17), spm.FieldWhere(17)) : (obr.Value(7), obr.FieldWhere(7));
        if (collected.Length == 0) problems.Add(new(obr.FieldWhere(7), "The specimen collection date/time is required."));
        else if (Codes.Hl7Date(collected) is { } date) { tumor["dateOfDiagnosis"] = date; tumor["pathDateSpecCollect1"] = date; }
        else problems.Add(new(where, "Not an HL7 date/time."));
        Set(tumor, "pathReportNumber1", obr.Value(3));
        Set(tumor, "reportingFacility", msh.Value(4, 2).Length > 0 ? msh.Value(4, 2) : msh.Value(4, 1));
        Set(tumor, "pathReportingFacId1", msh.Value(4, 2));

        var diagnosis = new List<string>();
        var codes = new List<ReportCode>();
        foreach (var obx in message.All("OBX")) ReadObservation(obx, diagnosis, codes, tumor, problems);
        if (problems.Count > 0) throw new ReportRefusedException(problems);

        AddCodes(codes, tumor);
        // A pathology report is microscopic confirmation: positive histology (1), the most common; cytology is left to the registrar.
        tumor["diagnosticConfirmation"] = "1";
        return new ExtractedReport(ExtractedReport.Hl7v2, patient, tumor, string.Join("\n", diagnosis), codes);
    }

    private void ReadPatient(Hl7Segment pid, Dictionary<string, string> patient, List<ReportProblem> problems)
    {
        if (pid.Repetitions(3).Count == 0) problems.Add(new(pid.FieldWhere(3), "The patient identifier list is required."));
        foreach (var id in pid.Repetitions(3))
        {
            if (id.Component(1).Length == 0) problems.Add(new(pid.FieldWhere(3), "An identifier without its value (component 1)."));
            else if (id.Component(5) == "MR") patient.TryAdd("medicalRecordNumber", id.Component(1));
            else if (id.Component(5) == "SS") patient.TryAdd("socialSecurityNumber", id.Component(1).Replace("-", ""));
        }
        if (pid.Value(19).Length > 0) patient.TryAdd("socialSecurityNumber", pid.Value(19).Replace("-", ""));
        var name = pid.Repetitions(5).FirstOrDefault(n => n.Component(7) is "L" or "") ?? pid.Field(5);
        if (name.Component(1).Length == 0) problems.Add(new(pid.FieldWhere(5, 1), "The patient's family name is required."));
        Set(patient, "nameLast", name.Component(1));
        Set(patient, "nameFirst", name.Component(2));
        Set(patient, "nameMiddle", name.Component(3));
        var maiden = pid.Value(6);
        Set(patient, "nameBirthSurname", maiden);
        var born = pid.Value(7);
        if (born.Length == 0) problems.Add(new(pid.FieldWhere(7), "The date of birth is required."));
        else if (Codes.Hl7Date(born) is { } dob) patient["dateOfBirth"] = dob;
        else problems.Add(new(pid.FieldWhere(7), "Not an HL7 date (YYYYMMDD)."));
        var sex = pid.Value(8);
        if (sex.Length > 0)
        {
            if (lists.Sex.TryGetValue(("hl7v2", sex), out var code)) patient["sex"] = code;
            else problems.Add(new(pid.FieldWhere(8), "Not a code of HL7 table 0001 (administrative sex)."));
        }
        var address = pid.Field(11);
        Set(patient, "addrAtDxNoStreet", address.Component(1, 1));
        Set(patient, "addrAtDxSupplementl", address.Component(2));
        Set(patient, "addrAtDxCity", address.Component(3));
        Set(patient, "addrAtDxState", address.Component(4));
        Set(patient, "addrAtDxPostalCode", address.Component(5).Replace("-", ""));
        Set(patient, "addrAtDxCountry", address.Component(6));
    }

    private void ReadObservation(Hl7Segment obx, List<string> diagnosis, List<ReportCode> codes, Dictionary<string, string> tumor,
        List<ReportProblem> problems)
    {
        var type = obx.Value(2);
        var loinc = obx.Value(3, 3) is "LN" or "LOINC" ? obx.Value(3, 1) : "";
        var role = lists.ObxRoles.GetValueOrDefault(loinc, "");
        if (type is "TX" or "FT" or "ST")
        {
            if (role == "diagnosis") diagnosis.AddRange(obx.Repetitions(5).Select(r => r.Text));
            return;
        }
        if (type is not ("CWE" or "CE")) return;
        foreach (var value in obx.Repetitions(5))
        {
            var (code, system) = (value.Component(1), value.Component(3).ToUpperInvariant());
            var where = obx.FieldWhere(5);
            if (lists.Laterality.TryGetValue((system, code), out var side)) { tumor.TryAdd("laterality", side); continue; }
            if (system is "ICDO3" or "ICD-O-3" or "ICDO" || role is "histology" or "site")
            {
                if (Codes.Morphology(code) is not null) codes.Add(new(ReportCode.IcdO3Morphology, code, where));
                else if (Codes.Topography(code) is { } site) codes.Add(new(ReportCode.IcdO3Topography, site, where));
                else problems.Add(new(where, "Not an ICD-O-3 topography (C50.9) or morphology (8500/3) code."));
            }
            else if (system is "I10C" or "ICD10CM" or "ICD-10-CM" or "I10")
            {
                if (Codes.Icd10Cm(code) is { } icd) codes.Add(new(ReportCode.Icd10Cm, icd, where));
                else problems.Add(new(where, "Not an ICD-10-CM code."));
            }
        }
    }

    /// <summary>The first ICD-O-3 site and morphology become the tumor's items (the registrar codes the rest).</summary>
    internal static void AddCodes(List<ReportCode> codes, Dictionary<string, string> tumor)
    {
        if (codes.FirstOrDefault(c => c.System == ReportCode.IcdO3Topography) is { } site) tumor.TryAdd("primarySite", site.Code);
        if (codes.FirstOrDefault(c => c.System == ReportCode.IcdO3Morphology) is { } m && Codes.Morphology(m.Code) is var (histology, behavior))
        {
            tumor.TryAdd("histologicTypeIcdO3", histology);
            tumor.TryAdd("behaviorCodeIcdO3", behavior);
        }
    }

    private static void Require(Hl7Segment s, int field, string what, List<ReportProblem> problems)
    {
        if (s.Value(field).Length == 0) problems.Add(new(s.FieldWhere(field), $"{char.ToUpperInvariant(what[0])}{what[1..]} is required."));
    }

    internal static void Set(Dictionary<string, string> items, string naaccrId, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) items.TryAdd(naaccrId, value.Trim());
    }
}
