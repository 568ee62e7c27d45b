using static TumorRegistry.Domain.Edits.EditDefinition;
using static TumorRegistry.Domain.Edits.Rules.Codes;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Histology and behavior: valid combinations, confirmation, sequence numbers, grade.</summary>
internal static class MorphologyEdits
{
    public static IEnumerable<EditDefinition> All()
    {
        yield return new("TR120", "Histologic Type ICD-O-3, Behavior Code ICD-O-3",
            "This histology/behavior combination is not in the ICD-O-3 list; confirm it and override if right.",
            EditSeverity.Error, ["histologicTypeIcdO3", "behaviorCodeIcdO3"], true, ctx =>
                ctx["histologicTypeIcdO3"] is { } h && ctx["behaviorCodeIcdO3"] is { } b
                    ? PassIf(ctx.Standards.IcdO3.FindMorphology(h, b) is not null) : Skip);

        yield return new("TR121", "Behavior Code ICD-O-3 (reportable)",
            "Behavior 6 (metastatic) or 9 is not reported: code the primary tumor's behavior (0-3).",
            EditSeverity.Error, ["behaviorCodeIcdO3"], false, ctx =>
                ctx["behaviorCodeIcdO3"] is { } b ? PassIf(b is "0" or "1" or "2" or "3") : Skip);

        yield return new("TR122", "Behavior Code ICD-O-3, Diagnostic Confirmation",
            "An in situ tumor (behavior 2) must be microscopically confirmed (Diagnostic Confirmation 1-4).",
            EditSeverity.Error, ["behaviorCodeIcdO3", "diagnosticConfirmation"], false, ctx =>
                ctx["behaviorCodeIcdO3"] == "2" && ctx["diagnosticConfirmation"] is { } c
                    ? PassIf(c is "1" or "2" or "3" or "4") : Skip);

        yield return new("TR123", "Diagnostic Confirmation, Histologic Type ICD-O-3",
            "Diagnostic Confirmation 3 (histology plus immunophenotyping/genetics) is only for hematopoietic and lymphoid neoplasms (9590-9993).",
            EditSeverity.Error, ["diagnosticConfirmation", "histologicTypeIcdO3"], false, ctx =>
                ctx["diagnosticConfirmation"] == "3" && ctx.Int("histologicTypeIcdO3") is { } h
                    ? PassIf(IsHematopoietic(h)) : Skip);

        yield return Sequence("TR124", "sequenceNumberHospital", "Sequence Number--Hospital");
        yield return Sequence("TR125", "sequenceNumberCentral", "Sequence Number--Central");

        yield return new("TR126", "Behavior Code ICD-O-3, Primary Site (non-malignant)",
            "Benign and borderline tumors are reportable for brain and CNS sites (C700-C729, C751-C753); check the behavior or site.",
            EditSeverity.Warning, ["behaviorCodeIcdO3", "primarySite"], true, ctx =>
                ctx["behaviorCodeIcdO3"] is "0" or "1" && ctx["primarySite"] is { } site
                    ? PassIf(InRange(site, "C700", "C729") || InRange(site, "C751", "C753")) : Skip);

        yield return new("TR127", "Grade Clinical, Date of Diagnosis",
            "Grade Clinical is required for tumors diagnosed in 2018 or later (9 when unknown).",
            EditSeverity.Warning, ["gradeClinical", "dateOfDiagnosis"], false, ctx =>
                ctx.Date("dateOfDiagnosis") is { Year: >= 2018 } ? PassIf(ctx.Has("gradeClinical")) : Skip);
    }

    // In situ and malignant primaries take 00-59 (98/99 special); benign and borderline take 60-88.
    private static EditDefinition Sequence(string id, string item, string name) =>
        new(id, $"{name}, Behavior Code ICD-O-3",
            $"{name} must be 00-59 (or 98, 99) for in situ/malignant tumors and 60-88 for benign/borderline tumors.",
            EditSeverity.Error, [item, "behaviorCodeIcdO3"], false, ctx =>
            {
                if (ctx.Int(item) is not { } seq || ctx["behaviorCodeIcdO3"] is not { } b) return Skip;
                return b switch
                {
                    "2" or "3" => PassIf(seq is <= 59 or 98 or 99),
                    "0" or "1" => PassIf(seq is >= 60 and <= 88),
                    _ => Skip,
                };
            });
}
