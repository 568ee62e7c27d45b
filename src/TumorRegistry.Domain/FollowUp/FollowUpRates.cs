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
    /// years before the as-of date (and not before the reference year). Cases without a diagnosis date are left out,
    /// and so are the cases a CoC exclusion removes (<paramref name="rules"/>).
    /// </summary>
    public static FollowUpRates Compute(IEnumerable<FollowUpCase> cases, DateOnly asOf, int referenceYear, FollowUpRules? rules = null)
    {
        var (counted, recent) = Counted(cases, asOf, referenceYear, rules);
        return new FollowUpRates(
            new FollowUpRate(counted.Count, counted.Count(c => c.IsFollowedAsOf(asOf)), ReferenceYearStandard),
            new FollowUpRate(recent.Count, recent.Count(c => c.IsFollowedAsOf(asOf)), FiveYearStandard));
    }

    /// <summary>The cases behind each rate (the list behind the number), in the order given.</summary>
    public static (List<T> SinceReferenceYear, List<T> LastFiveYears) Counted<T>(IEnumerable<T> cases, Func<T, FollowUpCase> of,
        DateOnly asOf, int referenceYear, FollowUpRules? rules = null)
    {
        var referenceDate = new DateOnly(referenceYear, 1, 1);
        var lastYear = asOf.AddYears(-1);
        var fiveYears = asOf.AddYears(-5);
        var counted = cases.Where(x => of(x) is { IsAnalytic: true, IsDuplicate: false } c && c.DiagnosedOn is { } dx
            && dx >= referenceDate && dx <= lastYear && !c.IsExcluded(asOf, rules)).ToList();
        return (counted, counted.Where(x => of(x).DiagnosedOn > fiveYears).ToList());
    }

    private static (List<FollowUpCase>, List<FollowUpCase>) Counted(IEnumerable<FollowUpCase> cases, DateOnly asOf, int referenceYear,
        FollowUpRules? rules) => Counted(cases, c => c, asOf, referenceYear, rules);
}
