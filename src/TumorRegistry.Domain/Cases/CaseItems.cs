using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Domain.Cases;

/// <summary>The item map edits run over: the patient's items with the tumor's items (as one NAACCR record).</summary>
public static class CaseItems
{
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> patientItems, IReadOnlyDictionary<string, string> tumorItems)
    {
        // Sized for both at once: growing it item by item was most of a bulk import's time in the projections.
        var all = new Dictionary<string, string>(patientItems.Count + tumorItems.Count, StringComparer.Ordinal);
        foreach (var (k, v) in patientItems) all[k] = v;
        foreach (var (k, v) in tumorItems) all[k] = v;
        return all;
    }

    public static IReadOnlyDictionary<string, string> Of(Patient patient, TumorCase tumor) => Of(patient.Items, tumor.Items);

    /// <summary>Runs the edits for a case with its overrides.</summary>
    public static EditReport RunEdits(this EditEngine engine, Patient patient, TumorCase tumor, DateOnly today) =>
        engine.Run(Of(patient, tumor), today, tumor.OverriddenEdits);
}
