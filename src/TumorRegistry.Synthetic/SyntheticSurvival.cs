namespace TumorRegistry.Synthetic;

public sealed record SurvivalOutcome(DateOnly? Death, bool CancerDeath, DateOnly LastContact);

/// <summary>
/// Deaths and follow-up. Excess (cancer) mortality is constant in time with the rate that gives the published 5-year
/// relative survival of the site and stage (R5 = e^(-5 lambda)); deaths from other causes follow the synthetic life
/// table year by year of age and calendar. Net survival estimated against that table therefore recovers R5.
/// Follow-up ends at a gap before the cutoff (most seen recently, some due, some lost), never earlier than a month
/// after diagnosis; a death after that end is not known to the registry.
/// </summary>
internal static class SyntheticSurvival
{
    public static SurvivalOutcome Draw(Random random, SiteProfile site, StageGroup stage, DateOnly birth, string sex, DateOnly diagnosis, DateOnly cutoff)
    {
        var r5 = site.RelativeSurvival5[(int)stage];
        var excessRate = r5 > 0 && r5 < 1 ? -Math.Log(r5) / 5 : 0;
        var cancerYears = excessRate > 0 ? -Math.Log(1 - random.NextDouble()) / excessRate : double.PositiveInfinity;
        var otherYears = OtherCauseYears(random, (diagnosis.DayNumber - birth.DayNumber) / 365.241, diagnosis, sex);
        var deathYears = Math.Min(cancerYears, otherYears);

        var gap = random.NextDouble() switch
        {
            < 0.70 => random.Next(0, 180),
            < 0.90 => random.Next(180, 540),
            _ => random.Next(540, 3000),
        };
        var seenUntil = cutoff.AddDays(-gap);
        var firstFollowUp = diagnosis.AddDays(30 + random.Next(335));
        if (seenUntil < firstFollowUp) seenUntil = firstFollowUp < cutoff ? firstFollowUp : cutoff;

        var death = double.IsPositiveInfinity(deathYears) ? (DateOnly?)null : diagnosis.AddDays((int)Math.Min(deathYears * 365.25, 60 * 365.25));
        return death is { } d && d <= seenUntil && d <= cutoff
            ? new SurvivalOutcome(d, cancerYears <= otherYears, d)
            : new SurvivalOutcome(null, false, seenUntil);
    }

    // Year by year of follow-up: the chance of dying within the year is the table's qx at the exact age attained and the
    // calendar year (the age the net survival estimate will use, not the age in whole years).
    private static double OtherCauseYears(Random random, double exactAge, DateOnly diagnosis, string sex)
    {
        for (var k = 0; k < 80; k++)
        {
            var age = (int)Math.Min(exactAge + k + 0.5, 110);
            if (random.NextDouble() < SyntheticMortality.Qx(age, diagnosis.AddDays((int)((k + 0.5) * 365.25)).Year, sex))
                return k + random.NextDouble();
        }
        return double.PositiveInfinity;
    }
}
