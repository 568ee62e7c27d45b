namespace TumorRegistry.Incidence.Populations;

/// <summary>Default race/ethnicity groups for tables, built from SEER population race and origin codes.</summary>
public static class RaceEthnicity
{
    /// <summary>Label used for the all-races total row.</summary>
    public const string AllRaces = "All races";

    /// <summary>
    /// Hispanic (any race) when origin is 1; otherwise the bridged race, marked non-Hispanic when origin is 0
    /// (as US Cancer Statistics reports), or the race alone when origin is 9 (not applicable).
    /// </summary>
    public static string FromSeer(int race, int origin)
    {
        if (origin == 1) return "Hispanic";
        string name = race switch
        {
            1 => "White",
            2 => "Black",
            3 => "American Indian/Alaska Native",
            4 => "Asian/Pacific Islander",
            _ => throw new ArgumentOutOfRangeException(nameof(race), $"SEER race code must be 1-4, was {race}."),
        };
        return origin == 0 ? "Non-Hispanic " + name : name;
    }
}
