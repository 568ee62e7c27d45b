using TumorRegistry.Standards;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.Seer;

namespace TumorRegistry.Domain.Cases;

/// <summary>Values computed from a case's items (patient + tumor), for reports and statistics.</summary>
public static class Derived
{
    /// <summary>Age in completed years at diagnosis when the dates determine it; else null (use the recorded item).</summary>
    public static int? AgeAtDiagnosis(IReadOnlyDictionary<string, string> items) =>
        Date(items, "dateOfBirth") is { } birth && Date(items, "dateOfDiagnosis") is { } dx ? NaaccrDate.AgeAt(birth, dx) : null;

    /// <summary>SEER site recode 2023 group of the case, or null when items are missing or no group applies.</summary>
    public static SiteRecodeResult? SiteRecode(IReadOnlyDictionary<string, string> items, NaaccrStandards? standards = null) =>
        items.GetValueOrDefault("primarySite") is { } site
        && items.GetValueOrDefault("histologicTypeIcdO3") is { } hist
        && items.GetValueOrDefault("behaviorCodeIcdO3") is { } beh
            ? (standards ?? NaaccrStandards.Default).SiteRecode.Classify(site, hist, beh, Date(items, "dateOfDiagnosis")?.Year)
            : null;

    private static NaaccrDate? Date(IReadOnlyDictionary<string, string> items, string id) =>
        NaaccrDate.TryParse(items.GetValueOrDefault(id), out var d) ? d : null;
}
