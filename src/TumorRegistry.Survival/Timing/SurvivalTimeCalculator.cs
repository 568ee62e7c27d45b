namespace TumorRegistry.Survival.Timing;

/// <summary>
/// Derives survival time following the SEER survival-time algorithm (seer.cancer.gov/survivaltime):
/// unknown day or month is replaced by the midpoint of the dates still possible, bounded by the patient's
/// other known date; follow-up is truncated at the study cutoff.
/// </summary>
public static class SurvivalTimeCalculator
{
    /// <summary>Derives survival times for all cases; excluded cases are returned with their reason, never dropped.</summary>
    public static SurvivalCohort Derive(IEnumerable<SurvivalCase> cases, SurvivalTimeRules rules)
    {
        var included = new List<SurvivalTime>();
        var excluded = new List<ExcludedCase>();
        foreach (var c in cases)
        {
            var (time, reason) = Derive(c, rules);
            if (time is not null) included.Add(time);
            else excluded.Add(new ExcludedCase(c, reason!.Value));
        }
        return new SurvivalCohort(included, excluded);
    }

    /// <summary>Derives one case's survival time, or the reason it has none.</summary>
    public static (SurvivalTime? Time, ExclusionReason? Reason) Derive(SurvivalCase c, SurvivalTimeRules rules)
    {
        switch (c.TypeOfReportingSource?.Trim())
        {
            case "7": return (null, ExclusionReason.DeathCertificateOnly);
            case "6": return (null, ExclusionReason.AutopsyOnly);
        }
        var dx = PartialDate.Parse(c.DateOfDiagnosis);
        if (dx.Year is null) return (null, ExclusionReason.UnknownDiagnosisDate);
        var lc = PartialDate.Parse(c.DateOfLastContact);
        if (lc.Year is null) return (null, ExclusionReason.UnknownLastContactDate);
        bool dead;
        switch (c.VitalStatus?.Trim())
        {
            case "0": dead = true; break;
            case "1": dead = false; break;
            default: return (null, ExclusionReason.UnknownVitalStatus);
        }
        if (dx.IsComplete && lc.IsComplete && lc.Earliest < dx.Earliest) return (null, ExclusionReason.NegativeSurvivalTime);
        if (dx.Earliest > rules.StudyCutoff) return (null, ExclusionReason.DiagnosedAfterCutoff);

        var (dxDate, lcDate) = Impute(dx, lc);
        if (lcDate < dxDate) return (null, ExclusionReason.NegativeSurvivalTime);

        // Cutoff: follow-up past the cutoff is ignored, so a death after it is seen as alive at the cutoff.
        var end = lcDate;
        if (end > rules.StudyCutoff) { end = rules.StudyCutoff; dead = false; }
        if (!dead && rules.Method == FollowUpMethod.PresumedAlive) end = rules.StudyCutoff;

        int days = end.DayNumber - dxDate.DayNumber;
        if (days == 0 && !dead) return (null, ExclusionReason.AliveWithNoSurvivalTime);
        int months = (int)Math.Floor(days / SurvivalTimeRules.DaysPerMonth);
        return (new SurvivalTime(c, dxDate, end, days, months, dead, !dx.IsComplete || !lc.IsComplete), null);
    }

    /// <summary>
    /// Fills unknown parts of both dates. Diagnosis first, bounded above by the last contact's latest possible date;
    /// then last contact, bounded below by the (imputed) diagnosis. A range that is a whole unconstrained year maps to
    /// July 1, a whole unconstrained month to floor((1 + days in month) / 2), otherwise the midpoint rounded down.
    /// </summary>
    internal static (DateOnly Diagnosis, DateOnly LastContact) Impute(PartialDate dx, PartialDate lc)
    {
        DateOnly dxDate = dx.IsComplete ? dx.Earliest!.Value : Midpoint(dx, upper: lc.Latest!.Value, lower: null);
        DateOnly lcDate = lc.IsComplete ? lc.Earliest!.Value : Midpoint(lc, upper: null, lower: dxDate);
        return (dxDate, lcDate);
    }

    static DateOnly Midpoint(PartialDate d, DateOnly? upper, DateOnly? lower)
    {
        var lo = d.Earliest!.Value;
        var hi = d.Latest!.Value;
        bool constrained = false;
        if (upper is { } u && u < hi && u >= lo) { hi = u; constrained = true; }
        if (lower is { } l && l > lo && l <= hi) { lo = l; constrained = true; }
        if (!constrained && d.Month is null) return new DateOnly(d.Year!.Value, 7, 1);
        return lo.AddDays((hi.DayNumber - lo.DayNumber) / 2);
    }
}
