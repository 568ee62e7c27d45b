using System.Globalization;

namespace TumorRegistry.Survival.Reporting;

/// <summary>CSV for survival tables: fields as the standards library splits and quotes them; numbers in invariant culture.</summary>
public static class Csv
{
    /// <summary>Splits one CSV line into fields.</summary>
    public static string[] Split(string line) => Standards.Codes.Csv.Split(line);

    /// <summary>Quotes a field if it needs quoting.</summary>
    public static string Field(string value) => Standards.Codes.Csv.Quote(value);

    /// <summary>Formats a number round-trippably; NaN as "NA" (as R writes it).</summary>
    public static string Number(double value) => double.IsNaN(value) ? "NA" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a number written by R or this library; "NA" and "" give NaN.</summary>
    public static double ParseNumber(string s) =>
        s is "NA" or "" or "NaN" ? double.NaN
        : s == "Inf" ? double.PositiveInfinity
        : double.Parse(s, CultureInfo.InvariantCulture);
}
