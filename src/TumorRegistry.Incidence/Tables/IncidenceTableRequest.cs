using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Rates;
using TumorRegistry.Incidence.Standards;

namespace TumorRegistry.Incidence.Tables;

/// <summary>Geography of the table rows.</summary>
public enum AreaLevel
{
    /// <summary>One row per state (2-digit FIPS).</summary>
    State,
    /// <summary>One row per county (5-digit FIPS) plus the state total.</summary>
    County,
}

/// <summary>Whether years are pooled into one period or shown one by one.</summary>
public enum PeriodMode
{
    /// <summary>One period, FirstYear-LastYear: average annual rate and average annual count.</summary>
    Pooled,
    /// <summary>One period per year.</summary>
    SingleYears,
    /// <summary>One period per year plus the pooled period, suppressed together so the years cannot be recovered from the pool.</summary>
    SingleYearsAndPooled,
}

/// <summary>Which gamma interval the table shows for age-adjusted rates.</summary>
public enum RateIntervalMethod
{
    /// <summary>Tiwari et al. (2006), as US Cancer Statistics and State Cancer Profiles.</summary>
    Tiwari,
    /// <summary>Fay and Feuer (1997), SEER*Stat's default.</summary>
    FayFeuer,
}

/// <summary>What incidence table to build. Defaults follow US Cancer Statistics.</summary>
public sealed record IncidenceTableRequest
{
    /// <summary>Standard population for age adjustment (e.g. <see cref="StandardPopulation.Us2000"/>).</summary>
    public required StandardPopulation Standard { get; init; }
    /// <summary>First diagnosis year.</summary>
    public required int FirstYear { get; init; }
    /// <summary>Last diagnosis year (inclusive).</summary>
    public required int LastYear { get; init; }
    /// <summary>State or county rows.</summary>
    public AreaLevel Area { get; init; } = AreaLevel.County;
    /// <summary>Add male and female rows beside both sexes.</summary>
    public bool BySex { get; init; }
    /// <summary>Add a row per race/ethnicity beside all races.</summary>
    public bool ByRace { get; init; }
    /// <summary>Pooled or single years.</summary>
    public PeriodMode Periods { get; init; } = PeriodMode.Pooled;
    /// <summary>Site groups to show, in order; null shows every site group in the counts, sorted.</summary>
    public IReadOnlyList<string>? SiteGroups { get; init; }
    /// <summary>Sites that occur in one sex only (e.g. prostate: male): only that sex's rows and population are used.</summary>
    public IReadOnlyDictionary<string, Sex> SexSpecificSites { get; init; } = new Dictionary<string, Sex>();
    /// <summary>Counts below this are suppressed (US Cancer Statistics: 16).</summary>
    public int SuppressionThreshold { get; init; } = 16;
    /// <summary>Run the exact linear audit after the relation-by-relation pass.</summary>
    public bool ExactSuppressionAudit { get; init; } = true;
    /// <summary>
    /// Complementary suppression (default). Off: only counts below the threshold are hidden, as US Cancer Statistics
    /// and State Cancer Profiles publish (their threshold of 16 is their confidentiality protection).
    /// </summary>
    public bool ComplementarySuppression { get; init; } = true;
    /// <summary>Confidence level of intervals.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
    /// <summary>Interval shown for age-adjusted rates.</summary>
    public RateIntervalMethod IntervalMethod { get; init; } = RateIntervalMethod.Tiwari;
    /// <summary>Rate multiplier.</summary>
    public double PerPopulation { get; init; } = 100_000;
    /// <summary>Compute the APC over FirstYear-LastYear for pooled rows.</summary>
    public bool IncludeTrend { get; init; } = true;
    /// <summary>How the trend line is fitted.</summary>
    public TrendFit TrendFit { get; init; } = TrendFit.Unweighted;
    /// <summary>Optional area names by FIPS code (state 2-digit, county 5-digit).</summary>
    public IReadOnlyDictionary<string, string> AreaNames { get; init; } = new Dictionary<string, string>();
}
