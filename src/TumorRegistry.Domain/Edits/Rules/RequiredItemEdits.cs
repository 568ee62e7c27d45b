using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Whose abstracts these are: a hospital registry reports its own cases, a central registry consolidates.</summary>
public enum RegistryType { Hospital, Central }

/// <summary>Items a completed abstract cannot lack. Also decides the "incomplete" case status.</summary>
public static class RequiredItemEdits
{
    private static readonly string[] Common =
    [
        "patientIdNumber", "dateOfBirth", "sex", "race1", "dateOfLastContact", "vitalStatus",
        "typeOfReportingSource", "dateOfDiagnosis", "primarySite", "laterality", "histologicTypeIcdO3",
        "behaviorCodeIcdO3", "diagnosticConfirmation",
    ];

    /// <summary>Patient and tumor items that must be present before a case can be completed.</summary>
    public static IReadOnlyList<string> ForCompletion(RegistryType registry) => registry == RegistryType.Hospital
        ? [.. Common, "reportingFacility", "classOfCase", "sequenceNumberHospital"]
        : [.. Common, "sequenceNumberCentral"];

    /// <summary>The required items a map lacks (v26 sexAssignedAtBirth stands in for sex).</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, string> items, RegistryType registry = RegistryType.Hospital) =>
        ForCompletion(registry).Where(id => !Present(items, id)
            && !(id == "sex" && Present(items, "sexAssignedAtBirth"))).ToList();

    internal static IEnumerable<EditDefinition> All(RegistryType registry)
    {
        yield return new("TR001", "Required items",
            $"An item required for a complete abstract ({registry.ToString().ToLowerInvariant()} registry) is blank.",
            EditSeverity.Error, ForCompletion(registry), false, ctx => PassIf(Missing(ctx.Items, registry).Count == 0));
    }

    private static bool Present(IReadOnlyDictionary<string, string> items, string id) =>
        items.TryGetValue(id, out var v) && !string.IsNullOrWhiteSpace(v);
}
