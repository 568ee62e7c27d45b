namespace TumorRegistry.Domain.FollowUp;

/// <summary>Why a case gets no follow-up request. All but <see cref="Dead"/> also leave the case out of the CoC rates.</summary>
public enum NotFollowedReason
{
    NonAnalytic,
    Duplicate,
    /// <summary>Followed to the end: no more requests, but the case counts as successfully followed in the rates.</summary>
    Dead,
    ForeignResident,
    InSituCervix,
    BenignOrBorderline,
    SkinBasalSquamous,
    OldAgeWithoutRecentContact,
    NoLongerRequiredByNotice,
}

public static class NotFollowedReasons
{
    /// <summary>Kebab-case codes for the API and the docs page.</summary>
    public static string Code(this NotFollowedReason r) => r switch
    {
        NotFollowedReason.NonAnalytic => "non-analytic",
        NotFollowedReason.Duplicate => "duplicate",
        NotFollowedReason.Dead => "dead",
        NotFollowedReason.ForeignResident => "foreign-resident",
        NotFollowedReason.InSituCervix => "in-situ-cervix",
        NotFollowedReason.BenignOrBorderline => "benign-or-borderline",
        NotFollowedReason.SkinBasalSquamous => "skin-basal-squamous",
        NotFollowedReason.OldAgeWithoutRecentContact => "age-100-without-contact-12-months",
        NotFollowedReason.NoLongerRequiredByNotice => "no-longer-required-by-coc-notice",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    public static string Describe(this NotFollowedReason r) => r switch
    {
        NotFollowedReason.NonAnalytic => "Non-analytic case (Class of Case 00 or 30-49)",
        NotFollowedReason.Duplicate => "Duplicate of another case",
        NotFollowedReason.Dead => "Patient has died",
        NotFollowedReason.ForeignResident => "Foreign resident",
        NotFollowedReason.InSituCervix => "Carcinoma in situ of the cervix",
        NotFollowedReason.BenignOrBorderline => "Benign or borderline tumor",
        NotFollowedReason.SkinBasalSquamous => "In situ or localized basal or squamous cell carcinoma of the skin",
        NotFollowedReason.OldAgeWithoutRecentContact => "Patient 100 or older without contact in the last 12 months",
        NotFollowedReason.NoLongerRequiredByNotice => "Diagnosis in years the CoC no longer requires to be followed",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };
}
