using System.Globalization;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;

namespace TumorRegistry.Survival.Reporting;

/// <summary>Column names and settings for <see cref="CsvRelativeSurvival"/> (follow-up time in days).</summary>
public sealed record CsvRelativeOptions
{
    /// <summary>Follow-up time column, in days.</summary>
    public string TimeColumn { get; init; } = "time";
    /// <summary>Status column (1/true/dead event, 0/false/alive censored, or the codes given).</summary>
    public string StatusColumn { get; init; } = "status";
    /// <summary>Status values meaning death.</summary>
    public IReadOnlyList<string>? EventCodes { get; init; }
    /// <summary>Status values meaning censored.</summary>
    public IReadOnlyList<string>? CensorCodes { get; init; }
    /// <summary>Group column; null: one curve.</summary>
    public string? GroupColumn { get; init; }
    /// <summary>Age at diagnosis in years (decimals allowed); used when <see cref="BirthDateColumn"/> is not given.</summary>
    public string AgeColumn { get; init; } = "age";
    /// <summary>Date of birth column: the exact age is then worked out from it and the diagnosis date.</summary>
    public string? BirthDateColumn { get; init; }
    /// <summary>Sex column, coded as in the life table.</summary>
    public string SexColumn { get; init; } = "sex";
    /// <summary>Date of diagnosis (yyyy-MM-dd or NAACCR yyyyMMdd).</summary>
    public string DiagnosisDateColumn { get; init; } = "diagnosis_date";
    /// <summary>Estimator.</summary>
    public NetSurvivalMethod Method { get; init; } = NetSurvivalMethod.PoharPerme;
    /// <summary>Confidence interval transformation.</summary>
    public ConfidenceType ConfidenceType { get; init; } = ConfidenceType.Log;
    /// <summary>Confidence level.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
    /// <summary>Period analysis window (follow-up inside these dates only).</summary>
    public (DateOnly From, DateOnly To)? Period { get; init; }
}

/// <summary>
/// Relative (Ederer II) or net (Pohar Perme) survival from an analyst's extract and a population life table: one row
/// per patient with follow-up days, status, sex, diagnosis date and an age (or a birth date for the exact age).
/// Missing columns are errors naming them; unusable rows are counted by reason.
/// </summary>
public static class CsvRelativeSurvival
{
    /// <summary>The subjects per group (groups in label order) and the rows left out, by reason.</summary>
    public static (IReadOnlyList<(string Group, IReadOnlyList<RelativeSurvivalSubject> Subjects)> Groups, IReadOnlyDictionary<string, int> Excluded)
        Read(TextReader csv, PopulationLifeTable table, CsvRelativeOptions? options = null)
    {
        var o = options ?? new CsvRelativeOptions();
        var header = Csv.Split(csv.ReadLine() ?? throw new FormatException("empty CSV"));
        int Need(string name) => CsvSurvivalAnalysis.Find(header, name)
            ?? throw new FormatException($"CSV lacks column '{name}' (columns: {string.Join(", ", header)})");
        int it = Need(o.TimeColumn), isx = Need(o.StatusColumn), isex = Need(o.SexColumn), idx = Need(o.DiagnosisDateColumn);
        int? ibirth = o.BirthDateColumn is null ? null : Need(o.BirthDateColumn);
        int? iage = ibirth is null ? Need(o.AgeColumn) : null;
        int? ig = o.GroupColumn is null ? null : Need(o.GroupColumn);
        var events = o.EventCodes?.Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var censors = o.CensorCodes?.Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var groups = new Dictionary<string, List<RelativeSurvivalSubject>>();
        var excluded = new Dictionary<string, int>();
        var sexes = new Dictionary<string, bool>();
        bool Covered(string sex)
        {
            if (!sexes.TryGetValue(sex, out var ok))
            {
                try { table.Stratum(sex); ok = true; } catch (KeyNotFoundException) { ok = false; }
                sexes[sex] = ok;
            }
            return ok;
        }
        int width = new[] { it, isx, isex, idx, ibirth ?? 0, iage ?? 0, ig ?? 0 }.Max();
        for (string? line; (line = csv.ReadLine()) is not null;)
        {
            if (line.Trim().Length == 0) continue;
            var f = Csv.Split(line);
            string? reason = null;
            if (f.Length <= width) reason = "Too few fields";
            else if (!double.TryParse(f[it], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t) || t < 0) reason = "Missing or negative time";
            else if (CsvSurvivalAnalysis.ParseStatus(f[isx], events, censors) is not { } dead) reason = "Missing or unrecognised status";
            else if (Date(f[idx]) is not { } d) reason = "Missing or unreadable diagnosis date";
            else if ((ibirth is { } b ? (Date(f[b]) is { } birth ? ExactAge.Years(birth, d) : null) : Number(f[iage!.Value])) is not { } a) reason = "Missing age";
            else if (!Covered(f[isex].Trim())) reason = "Sex not in the life table";
            else if (ig is { } g && f[g] is "" or "NA") reason = "Missing group";
            else
            {
                var key = ig is { } gi ? f[gi] : "all";
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add(new RelativeSurvivalSubject(t, dead, a, f[isex].Trim(), d));
                continue;
            }
            excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
        }
        var ordered = groups.OrderBy(g => g.Key, GroupLabelComparer.Instance)
            .Select(g => (g.Key, o.Period is { } p ? PeriodAnalysis.Window(g.Value, p.From, p.To) : (IReadOnlyList<RelativeSurvivalSubject>)g.Value))
            .ToList();
        return (ordered, excluded);
    }

    /// <summary>The curves, one per group.</summary>
    public static IReadOnlyList<RelativeSurvivalCurve> Estimate(IReadOnlyList<(string Group, IReadOnlyList<RelativeSurvivalSubject> Subjects)> groups,
        PopulationLifeTable table, CsvRelativeOptions o) =>
        groups.Select(g => RelativeSurvival.Estimate(g.Subjects, table, o.Method, o.ConfidenceType, o.ConfidenceLevel, group: g.Group)).ToList();

    static double? Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;

    static DateOnly? Date(string s) =>
        DateOnly.TryParseExact(s.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
