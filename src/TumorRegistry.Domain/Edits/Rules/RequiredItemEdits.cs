using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Items a completed abstract cannot lack. Also decides the "incomplete" case status.</summary>
public static class RequiredItemEdits
{
    /// <summary>Patient and tumor items that must be present before a case can be completed.</summary>
    public static IReadOnlyList<string> ForCompletion { get; } =
    [
        "patientIdNumber", "dateOfBirth", "sex", "race1", "dateOfLastContact", "vitalStatus",
        "reportingFacility", "typeOfReportingSource", "classOfCase", "dateOfDiagnosis", "primarySite",
        "laterality", "histologicTypeIcdO3", "behaviorCodeIcdO3", "diagnosticConfirmation", "sequenceNumberHospital",
    ];

    /// <summary>The required items a map lacks (v26 sexAssignedAtBirth stands in for sex).</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, string> items) =>
        ForCompletion.Where(id => !Present(items, id)
            && !(id == "sex" && Present(items, "sexAssignedAtBirth"))).ToList();

    internal static IEnumerable<EditDefinition> All()
    {
        yield return new("TR001", "Required items",
            "An item required for a complete abstract is blank.",
            EditSeverity.Error, ForCompletion, false, ctx => PassIf(Missing(ctx.Items).Count == 0));
    }

    private static bool Present(IReadOnlyDictionary<string, string> items, string id) =>
        items.TryGetValue(id, out var v) && !string.IsNullOrWhiteSpace(v);
}
