namespace TumorRegistry.Survival.Relative;

/// <summary>
/// Age at diagnosis in years from the two dates, as relsurv takes it (days between them over 365.241, the ratetables'
/// year), so a patient moves through the life table's ages on her own birthday rather than on the diagnosis date.
/// </summary>
public static class ExactAge
{
    /// <summary>Exact age in years, or null when the birth date is after the diagnosis.</summary>
    public static double? Years(DateOnly birth, DateOnly diagnosis) =>
        diagnosis < birth ? null : (diagnosis.DayNumber - birth.DayNumber) / PopulationLifeTable.DaysPerYear;

    /// <summary>Exact age from NAACCR YYYYMMDD dates when both are complete; otherwise null (use the completed years).</summary>
    public static double? Years(string? birthNaaccr, DateOnly diagnosis) =>
        TryComplete(birthNaaccr) is { } birth ? Years(birth, diagnosis) : null;

    static DateOnly? TryComplete(string? naaccr)
    {
        var d = Timing.PartialDate.Parse(naaccr);
        return d.IsComplete ? d.Earliest : null;
    }
}
