using System.Globalization;
using TumorRegistry.Standards.Codes;

namespace TumorRegistry.Domain.Quality;

/// <summary>One published threshold: a standard (NAACCR Gold, NPCR 12-month, ...) and what one indicator must reach.</summary>
/// <param name="Comparison">ge (at least), lt (fewer than) or le (at most), as the standard words it.</param>
/// <param name="Months">For timeliness: the months after the close of the diagnosis year.</param>
public sealed record QualityThreshold(string Standard, string Label, string Indicator, string Comparison, double Value, string Unit, int? Months)
{
    public bool Passes(double value) => Comparison switch
    {
        "ge" => value >= Value,
        "lt" => value < Value,
        "le" => value <= Value,
        _ => throw new InvalidOperationException($"Unknown comparison {Comparison}."),
    };

    /// <summary>The threshold as a reader sees it: "≥ 95%", "&lt; 1 per 1,000".</summary>
    public string Text => (Comparison switch { "ge" => "≥ ", "lt" => "< ", _ => "≤ " })
        + Value.ToString("0.##", CultureInfo.InvariantCulture) + (Unit == "per-1000" ? " per 1,000" : "%")
        + (Months is { } m ? $" within {m} months" : "");
}

/// <summary>Reads data/reference/quality/thresholds.csv (the file names its sources); a bad line is refused by number.</summary>
public static class QualityThresholds
{
    public static readonly IReadOnlySet<string> Indicators = new HashSet<string>(StringComparer.Ordinal)
    {
        "completeness", "dco", "duplicates", "passing-edits", "missing-age", "missing-sex", "missing-race", "missing-county", "timeliness",
    };

    public static IReadOnlyList<QualityThreshold> Parse(TextReader reader)
    {
        var list = new List<QualityThreshold>();
        var line = 1;
        foreach (var row in Csv.ReadWithHeader(reader))
        {
            line++;
            var indicator = row["indicator"];
            if (!Indicators.Contains(indicator)) throw new FormatException($"thresholds row {line}: unknown indicator '{indicator}'.");
            if (row["comparison"] is not ("ge" or "lt" or "le")) throw new FormatException($"thresholds row {line}: comparison is ge, lt or le.");
            if (!double.TryParse(row["value"], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"thresholds row {line}: value is a number.");
            int? months = int.TryParse(row["months"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
            if ((indicator == "timeliness") != months.HasValue) throw new FormatException($"thresholds row {line}: months go with timeliness only.");
            list.Add(new QualityThreshold(row["standard"], row["label"], indicator, row["comparison"], value, row["unit"], months));
        }
        return list;
    }
}
