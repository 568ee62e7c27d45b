using System.Globalization;
using System.Text;

namespace TumorRegistry.Survival.Reporting;

/// <summary>Minimal RFC 4180 CSV helpers (quoted fields, doubled quotes); numbers in invariant culture.</summary>
public static class Csv
{
    /// <summary>Splits one CSV line into fields.</summary>
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }

    /// <summary>Quotes a field if it needs quoting.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Formats a number round-trippably; NaN as "NA" (as R writes it).</summary>
    public static string Number(double value) => double.IsNaN(value) ? "NA" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a number written by R or this library; "NA" and "" give NaN.</summary>
    public static double ParseNumber(string s) =>
        s is "NA" or "" or "NaN" ? double.NaN
        : s == "Inf" ? double.PositiveInfinity
        : double.Parse(s, CultureInfo.InvariantCulture);
}
