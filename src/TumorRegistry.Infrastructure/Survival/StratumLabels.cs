using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// Group labels a reader understands: "30 Lung and Bronchus", "7 Distant", "2 Female", "65-74". Labels start with
/// the code so curves sort in code order; names come from the shipped code lists and SEER's site recode table.
/// </summary>
public sealed class StratumLabels(NaaccrStandards standards, SiteGroups sites)
{
    public SiteGroups Sites => sites;

    public static StratumLabels Default { get; } = new(NaaccrStandards.Default, new SiteGroups(NaaccrStandards.Default.SiteRecode));

    /// <summary>The label of a case's group, or null when the report is not stratified.</summary>
    public string? Label(CohortDefinition cohort, string? value, int? age) => cohort.Stratify switch
    {
        Stratification.None => null,
        Stratification.AgeGroup => cohort.AgeGroups.LabelOf(age),
        Stratification.Site => sites.Label(value),
        Stratification.Stage => Coded("summaryStage2018", value, "stage unknown"),
        Stratification.Sex => Coded("sexAssignedAtBirth", value, "sex unknown"),
        Stratification.Race => Coded("race1", value, "race unknown"),
        Stratification.Year => value ?? "year unknown",
        Stratification.Facility => value ?? "facility unknown",
        Stratification.County => value ?? "county unknown",
        _ => value,
    };

    /// <summary>True when the code is in the item's code list (for validating filters).</summary>
    public bool IsCode(string naaccrId, string code) => standards.CodeLists.ForItem(naaccrId)?.Contains(code) ?? false;

    string Coded(string naaccrId, string? code, string missing)
    {
        if (code is null) return missing;
        var entry = standards.CodeLists.ForItem(naaccrId)?.Find(code);
        if (entry is null) return code;
        // Race descriptions carry long notes in parentheses; the first words name the group.
        var name = entry.Description.Split(" (")[0];
        return $"{code} {name}";
    }
}
