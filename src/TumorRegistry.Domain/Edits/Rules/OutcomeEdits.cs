using System.Text.RegularExpressions;
using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Vital status, cause of death and death-based reporting. Vital status: 0 dead, 1 alive.</summary>
internal static partial class OutcomeEdits
{
    public static IEnumerable<EditDefinition> All()
    {
        yield return new("TR160", "Vital Status, Cause of Death (alive)",
            "The patient is alive (Vital Status 1): Cause of Death must be 0000.",
            EditSeverity.Error, ["vitalStatus", "causeOfDeath"], false, ctx =>
                ctx["vitalStatus"] == "1" && ctx["causeOfDeath"] is { } c ? PassIf(c == "0000") : Skip);

        yield return new("TR161", "Vital Status, Cause of Death (dead)",
            "The patient is dead (Vital Status 0): Cause of Death must be coded (7777 or 7797 when not available).",
            EditSeverity.Error, ["vitalStatus", "causeOfDeath"], false, ctx =>
                ctx["vitalStatus"] == "0" ? PassIf(ctx["causeOfDeath"] is { } c && c != "0000") : Skip);

        yield return new("TR162", "Vital Status, ICD Revision Number",
            "ICD Revision Number must be 0 for a living patient and 1, 7, 8 or 9 for a dead patient.",
            EditSeverity.Error, ["vitalStatus", "icdRevisionNumber"], false, ctx =>
                ctx["vitalStatus"] is { } v && ctx["icdRevisionNumber"] is { } r
                    ? PassIf(v == "1" ? r == "0" : v != "0" || r != "0") : Skip);

        yield return new("TR163", "Cause of Death, ICD Revision Number",
            "Cause of Death is not written as the ICD revision requires (ICD-10: letter and 2-3 digits; ICD-9: 4 digits; 7777/7797 when unavailable).",
            EditSeverity.Error, ["causeOfDeath", "icdRevisionNumber"], false, ctx =>
            {
                if (ctx["causeOfDeath"] is not { } c || ctx["icdRevisionNumber"] is not { } r) return Skip;
                if (c is "7777" or "7797") return PassIf(r != "0");
                return r switch
                {
                    "0" => PassIf(c == "0000"),
                    "1" => PassIf(Icd10().IsMatch(c)),
                    "9" => PassIf(FourDigits().IsMatch(c)),
                    _ => Skip,
                };
            });

        yield return new("TR164", "Type of Reporting Source, Vital Status",
            "Autopsy-only (6) and death-certificate-only (7) cases must have Vital Status 0 (dead).",
            EditSeverity.Error, ["typeOfReportingSource", "vitalStatus"], false, ctx =>
                ctx["typeOfReportingSource"] is "6" or "7" && ctx["vitalStatus"] is { } v ? PassIf(v == "0") : Skip);

        yield return new("TR165", "Class of Case, Vital Status",
            "Class of Case 38 (autopsy) and 49 (death certificate only) require Vital Status 0 (dead).",
            EditSeverity.Error, ["classOfCase", "vitalStatus"], false, ctx =>
                ctx["classOfCase"] is "38" or "49" && ctx["vitalStatus"] is { } v ? PassIf(v == "0") : Skip);

        yield return new("TR166", "Type of Reporting Source 7, Date of Diagnosis, Date of Last Contact",
            "For a death-certificate-only case the Date of Diagnosis is the date of death (Date of Last Contact).",
            EditSeverity.Warning, ["typeOfReportingSource", "dateOfDiagnosis", "dateOfLastContact"], true, ctx =>
                ctx["typeOfReportingSource"] == "7" && ctx.Date("dateOfDiagnosis") is { } dx && ctx.Date("dateOfLastContact") is { } death
                    ? PassIf(dx == death) : Skip);
    }

    [GeneratedRegex("^[A-Z][0-9]{2,3}$")] private static partial Regex Icd10();
    [GeneratedRegex("^[0-9]{4}$")] private static partial Regex FourDigits();
}
