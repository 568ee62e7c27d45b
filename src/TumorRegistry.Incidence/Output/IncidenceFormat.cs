using System.Globalization;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Output;

/// <summary>Number formatting shared by the writers (one decimal for rates, as SEER and USCS publish).</summary>
public static class IncidenceFormat
{
    /// <summary>What a suppressed cell shows.</summary>
    public const string SuppressedMark = "*";

    /// <summary>A rate with one decimal; blank when there is none.</summary>
    public static string Rate(double? value) => value is double v && !double.IsNaN(v)
        ? double.IsPositiveInfinity(v) ? "Inf" : v.ToString("0.0", CultureInfo.InvariantCulture) : "";

    /// <summary>A count, at most one decimal (average annual counts).</summary>
    public static string Count(double? value) => value is double v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "";

    /// <summary>The annual percent change and its interval.</summary>
    public static string Trend(IncidenceRow row) => row.Trend is { } t
        ? $"{Rate(t.Apc)} ({Rate(t.Interval.Lower)}, {Rate(t.Interval.Upper)})" : "";

    /// <summary>"Rising", "Falling" or "Stable" as State Cancer Profiles words a trend (interval excludes 0 or not).</summary>
    public static string TrendWord(IncidenceRow row) => row.Trend is not { } t ? ""
        : t.Interval.Lower > 0 ? "Rising" : t.Interval.Upper < 0 ? "Falling" : "Stable";
}
