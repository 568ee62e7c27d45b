using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Summary Stage 2018 against behavior, site and diagnosis year.</summary>
internal static class StageEdits
{
    public static IEnumerable<EditDefinition> All()
    {
        yield return new("TR140", "Behavior Code ICD-O-3, Summary Stage 2018 (in situ)",
            "An in situ tumor (behavior 2) must have Summary Stage 2018 = 0 (in situ).",
            EditSeverity.Error, ["behaviorCodeIcdO3", "summaryStage2018"], false, ctx =>
                ctx["behaviorCodeIcdO3"] == "2" && ctx["summaryStage2018"] is { } s ? PassIf(s == "0") : Skip);

        yield return new("TR141", "Summary Stage 2018, Behavior Code ICD-O-3 (stage 0)",
            "Summary Stage 2018 = 0 (in situ) requires behavior 2 (in situ).",
            EditSeverity.Error, ["summaryStage2018", "behaviorCodeIcdO3"], false, ctx =>
                ctx["summaryStage2018"] == "0" && ctx["behaviorCodeIcdO3"] is { } b ? PassIf(b == "2") : Skip);

        yield return new("TR142", "Summary Stage 2018, Date of Diagnosis",
            "Summary Stage 2018 is required for in situ and malignant tumors diagnosed in 2018 or later.",
            EditSeverity.Error, ["summaryStage2018", "dateOfDiagnosis", "behaviorCodeIcdO3"], false, ctx =>
                ctx.Date("dateOfDiagnosis") is { Year: >= 2018 } && ctx["behaviorCodeIcdO3"] is "2" or "3"
                    ? PassIf(ctx.Has("summaryStage2018")) : Skip);

        yield return new("TR143", "Primary Site C809, Summary Stage 2018",
            "Unknown primary site (C809) is staged 9 (unknown) in Summary Stage 2018.",
            EditSeverity.Error, ["primarySite", "summaryStage2018"], false, ctx =>
                ctx["primarySite"] == "C809" && ctx["summaryStage2018"] is { } s ? PassIf(s == "9") : Skip);
    }
}
