namespace TumorRegistry.Api.Demo;

/// <summary>
/// The primary sites the demo registry draws from: ICD-O-3 codes and ICD-10 causes of death as published;
/// the weights and median survival times are made up to give a plausible-looking registry, not real figures.
/// </summary>
internal sealed record DemoSite(string Name, string PrimarySite, string Histology, string Behavior, string? OnlySex,
    double Weight, string CauseOfDeath, bool Paired, double[] MedianYearsByStage);

internal static class DemoSites
{
    // Median survival in years for Summary Stage 2018 localized, regional, distant.
    public static readonly DemoSite[] All =
    [
        new("Breast", "C509", "8500", "3", "2", 0.24, "C509", true, [30, 12, 3]),
        new("Prostate", "C619", "8140", "3", "1", 0.20, "C61", false, [40, 15, 3.5]),
        new("Lung", "C349", "8140", "3", null, 0.16, "C349", true, [6, 2, 0.7]),
        new("Colon", "C189", "8140", "3", null, 0.12, "C189", false, [20, 8, 1.5]),
        new("Bladder", "C679", "8120", "3", null, 0.07, "C679", false, [15, 5, 1.2]),
        new("Bladder in situ", "C679", "8120", "2", null, 0.04, "C679", false, [40, 40, 40]),
        new("Melanoma", "C445", "8720", "3", null, 0.08, "C439", false, [40, 10, 1.5]),
        new("Pancreas", "C259", "8500", "3", null, 0.05, "C259", false, [2, 1, 0.4]),
        new("Kidney", "C649", "8312", "3", null, 0.04, "C64", true, [25, 6, 1.2]),
    ];
}
