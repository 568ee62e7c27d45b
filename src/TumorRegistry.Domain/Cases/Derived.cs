using System.Globalization;
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

    /// <summary>
    /// Age at diagnosis as the statistics count it (stored in case_summary.age_at_diagnosis): the abstracted Age at
    /// Diagnosis when it is 000-120; otherwise (missing, 999 unknown, anything else) completed years between the valid
    /// dates of birth and diagnosis, a year less when the birthday falls later in the year, judged on the month and
    /// then the day where both dates have them (a part missing on either side takes no year off, unlike
    /// <see cref="AgeAtDiagnosis"/>, which gives up); null when there is no such date or birth is after diagnosis.
    /// Migration 0005 states the same rule in SQL for rows stored before the column existed.
    /// </summary>
    public static int? AgeForStatistics(string? ageAtDiagnosis, string? dateOfBirth, string? dateOfDiagnosis)
    {
        if (ageAtDiagnosis is { Length: 3 } a && a.All(char.IsAsciiDigit) && int.Parse(a, CultureInfo.InvariantCulture) <= 120)
            return int.Parse(a, CultureInfo.InvariantCulture);
        if (!NaaccrDate.TryParse(dateOfBirth, out var birth) || !NaaccrDate.TryParse(dateOfDiagnosis, out var dx) || dx.Year < birth.Year)
            return null;
        var later = (dx.Month, birth.Month) switch
        {
            (int dm, int bm) when dm != bm => dm < bm,
            (int, int) => dx.Day is int dd && birth.Day is int bd && dd < bd,
            _ => false,
        };
        // Born later in the year of diagnosis would give -1: an abstracting error, not an age.
        var age = dx.Year - birth.Year - (later ? 1 : 0);
        return age >= 0 ? age : null;
    }

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
