namespace TumorRegistry.Incidence.AgeGroups;

/// <summary>
/// SEER's 19 standard age groups: 00 = 0 years, 01 = 1-4, 02 = 5-9, ..., 17 = 80-84, 18 = 85+.
/// Every table in this library works on these groups; single ages and coarser standards map onto them.
/// </summary>
public static class SeerAgeGroups
{
    /// <summary>Number of groups (00-18).</summary>
    public const int Count = 19;

    /// <summary>The group holding a single year of age (85 and over all fall in group 18).</summary>
    public static int FromAge(int age)
    {
        if (age < 0) throw new ArgumentOutOfRangeException(nameof(age), "Age cannot be negative.");
        if (age == 0) return 0;
        if (age < 5) return 1;
        return Math.Min(18, age / 5 + 1);
    }

    /// <summary>
    /// The same mapping as a PostgreSQL expression over an integer age column, for GROUP BY in the database
    /// (integer division as <see cref="FromAge"/>). NULL for a NULL age: no ELSE branch, since LEAST ignores NULL
    /// and would put unknown ages in 85+.
    /// </summary>
    public static string SqlExpression(string ageColumn = "age_at_dx") =>
        $"(CASE WHEN {ageColumn} = 0 THEN 0 WHEN {ageColumn} < 5 THEN 1 WHEN {ageColumn} >= 5 THEN LEAST(18, {ageColumn} / 5 + 1) END)";

    /// <summary>Youngest age in a group.</summary>
    public static int LowestAge(int group) => Check(group) switch { 0 => 0, 1 => 1, _ => (group - 1) * 5 };

    /// <summary>Oldest age in a group, or null for the open group 85+.</summary>
    public static int? HighestAge(int group) => Check(group) switch { 0 => 0, 1 => 4, 18 => null, _ => group * 5 - 1 };

    /// <summary>Label such as "00", "01-04", "85+" as registrars write them.</summary>
    public static string Label(int group) => HighestAge(group) is int high
        ? group == 0 ? "00" : $"{LowestAge(group):00}-{high:00}"
        : $"{LowestAge(group)}+";

    static int Check(int group) => group is >= 0 and < Count ? group
        : throw new ArgumentOutOfRangeException(nameof(group), $"SEER age group must be 0-18, was {group}.");
}
