using TumorRegistry.Standards.Codes;
using System.Globalization;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;
using static TumorRegistry.Incidence.Output.IncidenceFormat;

namespace TumorRegistry.Incidence.Output;

/// <summary>Writes an incidence table as CSV, one row per table row; suppressed values are written as "*".</summary>
public static class IncidenceCsvWriter
{
    static readonly string[] Header =
    [
        "area_fips", "area", "site_group", "sex", "race_ethnicity", "period", "population", "count", "average_annual_count",
        "crude_rate", "age_adjusted_rate", "lower_ci", "upper_ci", "apc", "apc_lower_ci", "apc_upper_ci", "trend", "suppression",
    ];

    /// <summary>Writes header and rows (rates with full precision so the CSV can be re-used).</summary>
    public static void Write(TextWriter writer, IncidenceTable table)
    {
        writer.Write(string.Join(',', Header));
        writer.Write('\n');
        foreach (var r in table.Rows)
        {
            bool hidden = r.Suppression != SuppressionMark.None;
            string Value(double? v) => hidden ? SuppressedMark : v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "";
            var fields = new[]
            {
                r.AreaFips, r.AreaName, r.SiteGroup, r.Sex, r.RaceEthnicity, r.Period,
                r.Population.ToString(CultureInfo.InvariantCulture), Value(r.Count), Value(r.AverageAnnualCount), Value(r.CrudeRate),
                Value(r.AgeAdjustedRate), Value(r.Interval?.Lower), Value(r.Interval?.Upper),
                Value(r.Trend?.Apc), Value(r.Trend?.Interval.Lower), Value(r.Trend?.Interval.Upper), hidden ? SuppressedMark : TrendWord(r),
                r.Suppression == SuppressionMark.None ? "" : r.Suppression.ToString().ToLowerInvariant(),
            };
            writer.Write(string.Join(',', fields.Select(Csv.Quote)));
            writer.Write('\n');
        }
    }
}
