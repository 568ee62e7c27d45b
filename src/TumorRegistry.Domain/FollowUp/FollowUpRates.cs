namespace TumorRegistry.Domain.FollowUp;

/// <summary>One CoC follow-up rate: cases counted, cases successfully followed, the fraction and the standard.</summary>
public sealed record FollowUpRate(int Cases, int Followed, double Standard)
{
    public double? Rate => Cases == 0 ? null : (double)Followed / Cases;
    public bool MeetsStandard => Rate is { } r && r >= Standard;
}

/// <summary>The two Commission on Cancer follow-up rates as of a date (definitions in docs/follow-up.md).</summary>
public sealed record FollowUpRates(FollowUpRate SinceReferenceYear, FollowUpRate LastFiveYears)
{
    public const double ReferenceYearStandard = 0.80;
    public const double FiveYearStandard = 0.90;

    /// <summary>
    /// Analytic, non-duplicate cases diagnosed from 1 January of the reference year up to one year before the as-of
    /// date (cases diagnosed in the last year are left out); the five-year rate keeps those diagnosed in the five
    /// years before the as-of date (and not before the reference year). Cases without a diagnosis date are left out.
    /// </summary>
    public static FollowUpRates Compute(IEnumerable<FollowUpCase> cases, DateOnly asOf, int referenceYear)
    {
        var referenceDate = new DateOnly(referenceYear, 1, 1);
        var lastYear = asOf.AddYears(-1);
        var fiveYears = asOf.AddYears(-5);
        var counted = cases.Where(c => c is { IsAnalytic: true, IsDuplicate: false } && c.DiagnosedOn is { } dx
            && dx >= referenceDate && dx <= lastYear).ToList();
        var recent = counted.Where(c => c.DiagnosedOn > fiveYears).ToList();
        return new FollowUpRates(
            new FollowUpRate(counted.Count, counted.Count(c => c.IsFollowedAsOf(asOf)), ReferenceYearStandard),
            new FollowUpRate(recent.Count, recent.Count(c => c.IsFollowedAsOf(asOf)), FiveYearStandard));
    }
}
