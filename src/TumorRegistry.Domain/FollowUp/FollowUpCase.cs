using TumorRegistry.Standards.Dates;

namespace TumorRegistry.Domain.FollowUp;

/// <summary>The items of one case (tumor) and its patient that annual follow-up reads; dates in NAACCR form.</summary>
public sealed record FollowUpCase(string? ClassOfCase, string? VitalStatus, bool IsDuplicate, string? DateOfDiagnosis,
    string? DateOfLastContact)
{
    // Items the CoC exclusions read (init, so older callers keep the short constructor).
    public string? PrimarySite { get; init; }
    public string? Histology { get; init; }
    public string? Behavior { get; init; }
    public string? SummaryStage2018 { get; init; }
    public string? NextFollowUpSource { get; init; }
    /// <summary>Addr Current--Country [1832].</summary>
    public string? CurrentCountry { get; init; }
    public string? DateOfBirth { get; init; }

    /// <summary>Patient follow-up is due this many months after the date of last contact.</summary>
    public const int DueAfterMonths = 12;

    /// <summary>No contact for more than this many months before the as-of date: lost to follow-up (CoC).</summary>
    public const int LostAfterMonths = 15;

    /// <summary>Analytic cases: Class of Case [610] 10 to 22 (diagnosed and/or first treated at the facility).</summary>
    public bool IsAnalytic => ClassOfCase is { Length: 2 } c && int.TryParse(c, out var n) && n is >= 10 and <= 22;

    /// <summary>Vital Status [1760] 0 is dead, 1 alive.</summary>
    public bool IsDead => VitalStatus == "0";

    /// <summary>Analytic, not a duplicate, patient alive: the registry follows this case every year.</summary>
    public bool NeedsFollowUp => IsAnalytic && !IsDuplicate && VitalStatus == "1";

    /// <summary>
    /// The first day a contact could have been (a partial date counts from its first day, so follow-up is never late
    /// because a day or month was unknown); null when the date is blank or not a date.
    /// </summary>
    public DateOnly? LastContact => NaaccrDate.TryParse(DateOfLastContact, out var d) ? d.Earliest : null;

    /// <summary>12 months after the last contact; null when there is no usable last contact (due at once).</summary>
    public DateOnly? DueOn => LastContact?.AddMonths(DueAfterMonths);

    public bool IsDueAsOf(DateOnly asOf, FollowUpRules? rules = null) =>
        NeedsFollowUp && !IsExcluded(asOf, rules) && (DueOn is not { } due || due <= asOf);

    /// <summary>Every reason this case gets no follow-up request as of the date (empty: it is followed).</summary>
    public IReadOnlyList<NotFollowedReason> NotFollowed(DateOnly asOf, FollowUpRules? rules = null)
    {
        var r = rules ?? FollowUpRules.None;
        var reasons = new List<NotFollowedReason>();
        if (!IsAnalytic) reasons.Add(NotFollowedReason.NonAnalytic);
        if (IsDuplicate) reasons.Add(NotFollowedReason.Duplicate);
        if (IsDead) reasons.Add(NotFollowedReason.Dead);
        if (NextFollowUpSource is { } nfs && r.ForeignNextFollowUpSources.Contains(nfs)
            || CurrentCountry is { Length: > 0 } country && !r.CountriesNotForeign.Contains(country.Trim().ToUpperInvariant()))
            reasons.Add(NotFollowedReason.ForeignResident);
        if (r.CervixSites.Contains(PrimarySite) && Behavior is { } b1 && r.CervixInSituBehaviors.Contains(b1))
            reasons.Add(NotFollowedReason.InSituCervix);
        if (Behavior is { } b2 && r.BenignBorderlineBehaviors.Contains(b2)) reasons.Add(NotFollowedReason.BenignOrBorderline);
        if (r.SkinSites.Contains(PrimarySite) && r.SkinHistologies.Contains(Histology)
            && (Behavior is { } b3 && r.SkinInSituBehaviors.Contains(b3) || SummaryStage2018 is { } ss && r.SkinLocalizedStages.Contains(ss)))
            reasons.Add(NotFollowedReason.SkinBasalSquamous);
        if (!IsDead && AgeOn(asOf) >= r.OldAgeYears
            && (LastContact is not { } last || last.AddMonths(r.OldAgeWithoutContactMonths) <= asOf))
            reasons.Add(NotFollowedReason.OldAgeWithoutRecentContact);
        if (DiagnosedOn is { } dx && r.Notices.Any(n => asOf >= n.Effective && dx >= n.DiagnosedFrom && dx <= n.DiagnosedTo))
            reasons.Add(NotFollowedReason.NoLongerRequiredByNotice);
        return reasons;
    }

    /// <summary>Left out of follow-up and of the CoC rates by a rule (death is not one: the dead count as followed).</summary>
    public bool IsExcluded(DateOnly asOf, FollowUpRules? rules = null) =>
        NotFollowed(asOf, rules).Any(r => r != NotFollowedReason.Dead);

    /// <summary>Whole years of age on the date from the earliest possible birth date; null without a date of birth.</summary>
    public int? AgeOn(DateOnly asOf)
    {
        if (!NaaccrDate.TryParse(DateOfBirth, out var d)) return null;
        var born = d.Earliest;
        var age = asOf.Year - born.Year;
        return asOf < born.AddYears(age) ? age - 1 : age;
    }

    /// <summary>No contact for more than 15 months before the as-of date, or no usable date of last contact.</summary>
    public bool IsLostAsOf(DateOnly asOf) => LastContact is not { } last || last.AddMonths(LostAfterMonths) < asOf;

    /// <summary>Whole months from the last contact to the as-of date; null without a usable last contact.</summary>
    public int? MonthsSinceContact(DateOnly asOf)
    {
        if (LastContact is not { } last) return null;
        var months = (asOf.Year - last.Year) * 12 + asOf.Month - last.Month;
        return asOf.Day < last.Day ? months - 1 : months;
    }

    /// <summary>Successful follow-up for the CoC rates: the patient is dead, or was contacted within the last 15 months.</summary>
    public bool IsFollowedAsOf(DateOnly asOf) => IsDead || !IsLostAsOf(asOf);

    /// <summary>The first day the diagnosis could have been; null when blank or not a date.</summary>
    public DateOnly? DiagnosedOn => NaaccrDate.TryParse(DateOfDiagnosis, out var d) ? d.Earliest : null;
}
