namespace TumorRegistry.Domain.Quality;

/// <summary>How an indicator compares with one standard's threshold; Pass is null when there is nothing to judge (no records, no expected count).</summary>
public sealed record IndicatorMark(string Standard, string Label, string Threshold, bool? Pass);

/// <summary>
/// One indicator: Numerator over Denominator, as Value in Unit (percent, or per-1000 for duplicates). For completeness the
/// denominator is the expected count; for timeliness and passing edits the numerator counts the good records, for the
/// others the records the indicator's list shows.
/// </summary>
public sealed record IndicatorValue(string Id, string Label, int Numerator, double? Denominator, double? Value, string Unit, int? Months,
    IReadOnlyList<IndicatorMark> Marks);

/// <summary>The indicators of a set of records (a year or years; the registry or one facility).</summary>
public sealed record QualityReport(int Records, IReadOnlyList<IndicatorValue> Indicators)
{
    public IndicatorValue this[string id] => Indicators.Single(i => i.Id == id);
}

/// <summary>
/// The certification indicators (docs/data-quality.md): completeness, % death certificate only, duplicates per 1,000,
/// % missing age, sex, race and county, % passing edits, and % reported within each standard's months. Pure: the
/// records, the expected count and the thresholds come in.
/// </summary>
public static class QualityIndicators
{
    public const string Completeness = "completeness", Dco = "dco", Duplicates = "duplicates", PassingEdits = "passing-edits",
        MissingAge = "missing-age", MissingSex = "missing-sex", MissingRace = "missing-race", MissingCounty = "missing-county",
        Timeliness = "timeliness";

    /// <summary>The id of the timeliness indicator for a number of months ("timeliness-23").</summary>
    public static string TimelinessId(int months) => $"{Timeliness}-{months}";

    /// <param name="expected">The expected count (null: no population or rates, or a facility, whose population is unknown).</param>
    /// <param name="observed">The counted cases compared with it.</param>
    public static QualityReport Compute(IReadOnlyCollection<QualityRecord> records, double? expected, int observed,
        IReadOnlyList<QualityThreshold> thresholds)
    {
        var n = records.Count;
        var list = new List<IndicatorValue>
        {
            Make(Completeness, "Completeness (observed / expected)", observed, expected, 100, "percent", null, thresholds),
            Make(Dco, "Death certificate only", records.Count(r => r.IsDeathCertificateOnly), n, 100, "percent", null, thresholds),
            Make(Duplicates, "Exact duplicates per 1,000", ExactDuplicates.Find(records).Count, n, 1000, "per-1000", null, thresholds),
            Make(MissingAge, "Age unknown", records.Count(r => r.AgeUnknown), n, 100, "percent", null, thresholds),
            Make(MissingSex, "Sex unknown", records.Count(r => r.SexUnknown), n, 100, "percent", null, thresholds),
            Make(MissingRace, "Race unknown", records.Count(r => r.RaceUnknown), n, 100, "percent", null, thresholds),
            Make(MissingCounty, "County unknown", records.Count(r => r.CountyUnknown), n, 100, "percent", null, thresholds),
            Make(PassingEdits, "Passing edits", records.Count(r => r.PassesEdits), n, 100, "percent", null, thresholds),
        };
        foreach (var months in TimelinessMonths(thresholds))
            list.Add(Make(TimelinessId(months), $"Reported within {months} months", records.Count(r => r.ReportedWithin(months)), n, 100,
                "percent", months, thresholds));
        return new QualityReport(n, list);
    }

    public static IReadOnlyList<int> TimelinessMonths(IEnumerable<QualityThreshold> thresholds) =>
        thresholds.Where(t => t.Months.HasValue).Select(t => t.Months!.Value).Distinct().Order().ToList();

    /// <summary>
    /// The records behind an indicator, for a manager to assign: DCO cases, unknown age/sex/race/county, failing
    /// records, late reports (timeliness-N), later duplicates (with the case they repeat). Null for an unknown id.
    /// </summary>
    public static IReadOnlyList<(QualityRecord Record, Guid? DuplicateOf)>? ListOf(string id, IEnumerable<QualityRecord> records)
    {
        IEnumerable<QualityRecord> Where(Func<QualityRecord, bool> p) => records.Where(p);
        IEnumerable<QualityRecord>? picked = id switch
        {
            Dco => Where(r => r.IsDeathCertificateOnly),
            MissingAge => Where(r => r.AgeUnknown),
            MissingSex => Where(r => r.SexUnknown),
            MissingRace => Where(r => r.RaceUnknown),
            MissingCounty => Where(r => r.CountyUnknown),
            PassingEdits => Where(r => !r.PassesEdits),
            _ when MonthsOf(id) is { } m => Where(r => !r.ReportedWithin(m)),
            _ => null,
        };
        if (id == Duplicates) return ExactDuplicates.Find(records).Select(d => (d.Record, (Guid?)d.DuplicateOf)).ToList();
        return picked?.OrderBy(r => r.Facility, StringComparer.Ordinal).ThenBy(r => r.Abstractor, StringComparer.Ordinal)
            .ThenBy(r => r.FirstReportedAt).ThenBy(r => r.CaseId).Select(r => (r, (Guid?)null)).ToList();
    }

    /// <summary>The months of a "timeliness-N" id.</summary>
    public static int? MonthsOf(string id) =>
        id.StartsWith(Timeliness + "-", StringComparison.Ordinal) && int.TryParse(id.AsSpan(Timeliness.Length + 1), out var m) && m is > 0 and < 1200
            ? m : null;

    private static IndicatorValue Make(string id, string label, int numerator, double? denominator, double scale, string unit, int? months,
        IReadOnlyList<QualityThreshold> thresholds)
    {
        // Scaled before dividing, so 3 of 100 is exactly 3 (a threshold's equality is decided on the published number).
        double? value = denominator is > 0 ? numerator * scale / denominator.Value : null;
        var indicator = months is null ? id : Timeliness;
        var marks = thresholds.Where(t => t.Indicator == indicator && t.Months == months)
            .Select(t => new IndicatorMark(t.Standard, t.Label, t.Text, value is { } v ? t.Passes(v) : null)).ToList();
        return new IndicatorValue(id, label, numerator, denominator, value, unit, months, marks);
    }
}
