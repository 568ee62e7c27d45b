namespace TumorRegistry.Incidence.Counting;

/// <summary>The few tumor fields the incidence counting rules look at (NAACCR items in brackets).</summary>
/// <param name="Behavior">Behavior code ICD-O-3 [523]: 0 benign, 1 uncertain, 2 in situ, 3 malignant.</param>
/// <param name="PrimarySite">Primary site [400], e.g. "C679".</param>
/// <param name="Histology">Histologic type ICD-O-3 [522], e.g. "8120".</param>
/// <param name="StateAtDiagnosis">Addr at DX--State [80], postal code, e.g. "NM".</param>
public sealed record TumorRecord(string Behavior, string PrimarySite, string Histology, string StateAtDiagnosis);

/// <summary>
/// Which tumors an incidence rate counts, as US central registries report (US Cancer Statistics, SEER):
/// residents of the registry's state at diagnosis; malignant behavior (3), plus in situ (2) urinary bladder
/// (C67.0-C67.9); each tumor counted once (a patient with two primaries counts twice; duplicate reports of
/// one tumor are consolidated before counting). Benign/borderline brain tumors are reported separately, not here.
/// </summary>
public static class IncidenceCountingRules
{
    /// <summary>True when the tumor is counted in incidence rates for <paramref name="registryState"/>.</summary>
    public static bool IsCounted(TumorRecord tumor, string registryState) =>
        string.Equals(tumor.StateAtDiagnosis?.Trim(), registryState, StringComparison.OrdinalIgnoreCase)
        && IsReportableBehavior(tumor.Behavior, tumor.PrimarySite)
        && IsIcdO3Histology(tumor.Histology);

    /// <summary>Malignant, or in situ of the urinary bladder.</summary>
    public static bool IsReportableBehavior(string behavior, string primarySite)
    {
        string b = behavior?.Trim() ?? "";
        if (b == "3") return true;
        return b == "2" && IsBladder(primarySite);
    }

    /// <summary>Urinary bladder, C67.0-C67.9 (written with or without the dot).</summary>
    public static bool IsBladder(string primarySite)
    {
        string site = (primarySite ?? "").Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        return site.Length == 4 && site.StartsWith("C67", StringComparison.Ordinal) && char.IsAsciiDigit(site[3]);
    }

    // A tumor without a valid 4-digit histology is an incomplete abstract, not a countable case.
    static bool IsIcdO3Histology(string histology)
    {
        string h = histology?.Trim() ?? "";
        return h.Length == 4 && h.All(char.IsAsciiDigit) && h[0] is '8' or '9';
    }

    /// <summary>
    /// The same rule as a SQL boolean expression for PostgreSQL, over the given column names and a parameter
    /// holding the registry's state (e.g. "@state"). Columns are text, site without the dot. With
    /// <paramref name="stateStoredUpperTrimmed"/> the state column already holds trimmed upper-case codes and is compared
    /// as it is (an expression over the column hides its statistics from the planner).
    /// </summary>
    public static string SqlPredicate(string behaviorColumn = "behavior_code", string siteColumn = "primary_site",
        string histologyColumn = "histology", string stateColumn = "state_at_dx", string stateParameter = "@state",
        bool stateStoredUpperTrimmed = false) =>
        $"({(stateStoredUpperTrimmed ? stateColumn : $"upper(trim({stateColumn}))")} = upper({stateParameter})" +
        $" AND ({behaviorColumn} = '3' OR ({behaviorColumn} = '2' AND {siteColumn} ~ '^C67[0-9]$'))" +
        $" AND {histologyColumn} ~ '^[89][0-9]{{3}}$')";
}
