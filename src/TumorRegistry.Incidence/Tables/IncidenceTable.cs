using TumorRegistry.Incidence.Rates;

namespace TumorRegistry.Incidence.Tables;

/// <summary>
/// One row of an incidence table. When <see cref="Suppression"/> is not None every value derived from
/// the count (count, average annual count, rates, interval, trend) is null: it is never shown.
/// </summary>
/// <param name="AreaFips">State (2-digit) or county (5-digit) FIPS code.</param>
/// <param name="AreaName">Name from the request, or the FIPS code.</param>
/// <param name="IsAreaTotal">True for the state row of a county table.</param>
/// <param name="SiteGroup">Site group.</param>
/// <param name="Sex">"Both sexes", "Male" or "Female".</param>
/// <param name="RaceEthnicity">Race/ethnicity, or "All races".</param>
/// <param name="Period">"2018-2022" or "2020".</param>
/// <param name="FirstYear">First year of the period.</param>
/// <param name="LastYear">Last year of the period.</param>
/// <param name="Population">Person-years in the period (public information, always shown).</param>
/// <param name="Count">Cases in the period.</param>
/// <param name="AverageAnnualCount">Count / number of years.</param>
/// <param name="CrudeRate">Crude (average annual) rate.</param>
/// <param name="AgeAdjustedRate">Age-adjusted (average annual) rate.</param>
/// <param name="Interval">Interval of the age-adjusted rate (method per request).</param>
/// <param name="Trend">APC over the request's years (pooled tables), null when it cannot be computed.</param>
/// <param name="Suppression">Why values are hidden, if they are.</param>
public sealed record IncidenceRow(string AreaFips, string AreaName, bool IsAreaTotal, string SiteGroup, string Sex, string RaceEthnicity,
    string Period, int FirstYear, int LastYear, double Population, long? Count, double? AverageAnnualCount, double? CrudeRate,
    double? AgeAdjustedRate, ConfidenceInterval? Interval, AnnualPercentChange? Trend, SuppressionMark Suppression);

/// <summary>A built incidence table: the request it answers and its rows in display order.</summary>
public sealed record IncidenceTable(IncidenceTableRequest Request, IReadOnlyList<IncidenceRow> Rows)
{
    /// <summary>Label of the both-sexes rows.</summary>
    public const string BothSexes = "Both sexes";

    /// <summary>Footnote text for suppressed cells.</summary>
    public string SuppressionNote =>
        $"* Data suppressed: fewer than {Request.SuppressionThreshold} cases, or hidden so a suppressed count cannot be derived from totals.";
}
