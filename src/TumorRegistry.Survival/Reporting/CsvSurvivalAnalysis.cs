using System.Globalization;
using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Reporting;

/// <summary>Column names and settings for <see cref="CsvSurvivalAnalysis"/>.</summary>
public sealed record CsvAnalysisOptions
{
    /// <summary>Follow-up time column.</summary>
    public string TimeColumn { get; init; } = "time";
    /// <summary>Status column: 1/true/dead = death, 0/false/alive = censored.</summary>
    public string StatusColumn { get; init; } = "status";
    /// <summary>Status codes meaning the event (e.g. "2" for R's lung and pbc); null: 1/true/dead/death.</summary>
    public IReadOnlyList<string>? EventCodes { get; init; }
    /// <summary>Status codes meaning censored; null: 0/false/alive/censored. Other values exclude the row (counted).</summary>
    public IReadOnlyList<string>? CensorCodes { get; init; }
    /// <summary>Group column; if absent from the file, one curve for everybody (unless <see cref="GroupRequired"/>).</summary>
    public string GroupColumn { get; init; } = "group";
    /// <summary>The group column was named by the analyst: its absence is an error, not one pooled curve.</summary>
    public bool GroupRequired { get; init; }
    /// <summary>Optional stratum column for a stratified log-rank test.</summary>
    public string? StrataColumn { get; init; }
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "Survival";
    /// <summary>Unit of the time column.</summary>
    public string TimeUnit { get; init; } = "days";
    /// <summary>Confidence interval transformation.</summary>
    public ConfidenceType ConfidenceType { get; init; } = ConfidenceType.Log;
    /// <summary>Confidence level.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// Analyst entry point (CLI: <c>tumorregistry survival --csv file</c>): reads a CSV of time, status and optional group,
/// fits Kaplan-Meier per group and the log-rank test. Unusable rows are counted under Exclusions, not dropped silently.
/// </summary>
public static class CsvSurvivalAnalysis
{
    /// <summary>Reads the CSV and builds the report; render it with SurvivalJson, SurvivalCsv or HtmlReport.</summary>
    public static SurvivalReport Analyse(TextReader csv, CsvAnalysisOptions? options = null)
    {
        var o = options ?? new CsvAnalysisOptions();
        var header = Csv.Split(csv.ReadLine() ?? throw new FormatException("empty CSV"));
        int it = Find(header, o.TimeColumn) ?? throw new FormatException($"CSV lacks column '{o.TimeColumn}' (columns: {string.Join(", ", header)})");
        int isx = Find(header, o.StatusColumn) ?? throw new FormatException($"CSV lacks column '{o.StatusColumn}' (columns: {string.Join(", ", header)})");
        int? ig = Find(header, o.GroupColumn);
        if (ig is null && o.GroupRequired) throw new FormatException($"CSV lacks column '{o.GroupColumn}' (columns: {string.Join(", ", header)})");
        var events = o.EventCodes?.Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var censors = o.CensorCodes?.Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (events is not null && censors is not null && events.Overlaps(censors)) throw new FormatException("A status code cannot be both an event and censored.");
        int? istr = o.StrataColumn is null ? null : Find(header, o.StrataColumn) ?? throw new FormatException($"CSV lacks column '{o.StrataColumn}'");
        var time = new List<double>();
        var dead = new List<bool>();
        var group = new List<string>();
        var strata = new List<string>();
        var excluded = new Dictionary<string, int>();
        for (string? line; (line = csv.ReadLine()) is not null;)
        {
            if (line.Trim().Length == 0) continue;
            var f = Csv.Split(line);
            string? reason = null;
            if (f.Length <= Math.Max(it, isx)) reason = "Too few fields";
            else if (!double.TryParse(f[it], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t) || t < 0) reason = "Missing or negative time";
            else if (ParseStatus(f[isx], events, censors) is not { } d) reason = "Missing or unrecognised status";
            else if (ig is { } g && (f.Length <= g || f[g] is "" or "NA")) reason = "Missing group";
            else if (istr is { } s && (f.Length <= s || f[s] is "" or "NA")) reason = "Missing stratum";
            else
            {
                time.Add(t); dead.Add(d);
                if (ig is { } gi) group.Add(f[gi]);
                if (istr is { } si) strata.Add(f[si]);
                continue;
            }
            excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
        }
        var report = SurvivalReport.FromData(o.Title, time.ToArray(), dead.ToArray(), ig is null ? null : group,
            o.TimeUnit, o.ConfidenceType, o.ConfidenceLevel, excluded);
        if (istr is not null && ig is not null)
            report = report with { LogRank = LogRank.Test(time.ToArray(), dead.ToArray(), group, strata) };
        return report;
    }

    internal static bool? ParseStatus(string s, HashSet<string>? events, HashSet<string>? censors)
    {
        var v = s.Trim();
        if (events is not null || censors is not null)
        {
            if (events?.Contains(v) ?? DefaultStatus(v) == true) return true;
            if (censors?.Contains(v) ?? DefaultStatus(v) == false) return false;
            return null;
        }
        return DefaultStatus(v);
    }

    static bool? DefaultStatus(string s) => s.ToLowerInvariant() switch
    {
        "1" or "true" or "dead" or "death" => true,
        "0" or "false" or "alive" or "censored" => false,
        _ => null,
    };

    internal static int? Find(string[] header, string name)
    {
        int i = Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : null;
    }
}
