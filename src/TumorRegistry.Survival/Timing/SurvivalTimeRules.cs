namespace TumorRegistry.Survival.Timing;

/// <summary>How follow-up past the last contact is treated (SEER's two survival-time variants).</summary>
public enum FollowUpMethod
{
    /// <summary>Survival runs to min(date of last contact, study cutoff) (NAACCR "Survival Months Active Followup").</summary>
    ActiveFollowUp,
    /// <summary>Patients not known dead are presumed alive at the study cutoff (NAACCR "Survival Months Presumed Alive").</summary>
    PresumedAlive,
}

/// <summary>Why a case cannot contribute a survival time. Every excluded case is reported with one of these.</summary>
public enum ExclusionReason
{
    /// <summary>typeOfReportingSource 7: diagnosed from the death certificate only; no survival time exists.</summary>
    DeathCertificateOnly,
    /// <summary>typeOfReportingSource 6: found at autopsy; no survival time exists.</summary>
    AutopsyOnly,
    /// <summary>Year of diagnosis missing or invalid.</summary>
    UnknownDiagnosisDate,
    /// <summary>Year of last contact or death missing or invalid.</summary>
    UnknownLastContactDate,
    /// <summary>Vital status is neither 0 (dead) nor 1 (alive).</summary>
    UnknownVitalStatus,
    /// <summary>Last contact (complete date) falls before diagnosis.</summary>
    NegativeSurvivalTime,
    /// <summary>Diagnosed after the study cutoff date.</summary>
    DiagnosedAfterCutoff,
    /// <summary>Alive with zero days of follow-up (SEER*Stat's "alive with no survival time").</summary>
    AliveWithNoSurvivalTime,
}

/// <summary>Study cutoff and follow-up variant used to derive survival times.</summary>
/// <param name="StudyCutoff">Date through which deaths are complete; later follow-up is ignored.</param>
/// <param name="Method">Active follow-up or presumed alive.</param>
public sealed record SurvivalTimeRules(DateOnly StudyCutoff, FollowUpMethod Method = FollowUpMethod.ActiveFollowUp)
{
    /// <summary>Days in a month used by SEER to express survival in months: 365.24 / 12.</summary>
    public const double DaysPerMonth = 365.24 / 12.0;
}

/// <summary>A case's survival time after SEER's imputation and cutoff rules.</summary>
/// <param name="Case">The input case.</param>
/// <param name="DiagnosisDate">Date of diagnosis, with unknown parts imputed (NAACCR "Surv-Date DX Recode").</param>
/// <param name="EndDate">End of follow-up (Surv-Date Active Followup or Presumed Alive).</param>
/// <param name="Days">Whole days from diagnosis to end of follow-up.</param>
/// <param name="Months">floor(Days / (365.24/12)), SEER's survival months.</param>
/// <param name="Dead">True if the patient died on or before the cutoff (the event); false means censored.</param>
/// <param name="Imputed">True if any date part was imputed.</param>
public sealed record SurvivalTime(SurvivalCase Case, DateOnly DiagnosisDate, DateOnly EndDate, int Days, int Months, bool Dead, bool Imputed);

/// <summary>A case left out of the analysis, with the reason.</summary>
public sealed record ExcludedCase(SurvivalCase Case, ExclusionReason Reason);

/// <summary>The outcome of deriving survival times for a cohort: who is in, who is out and why.</summary>
public sealed record SurvivalCohort(IReadOnlyList<SurvivalTime> Included, IReadOnlyList<ExcludedCase> Excluded)
{
    /// <summary>Number of excluded cases by reason, for the report's exclusion table.</summary>
    public IReadOnlyDictionary<ExclusionReason, int> ExclusionCounts =>
        Excluded.GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count());
}
