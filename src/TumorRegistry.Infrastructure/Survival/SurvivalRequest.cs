using System.Globalization;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>The analyses a survival report can show.</summary>
public enum SurvivalReportKind { Observed, CauseSpecific, LifeTable, Conditional, Relative }

/// <summary>
/// One survival report request, as the API's query string or the CLI's options give it: the cohort, the
/// survival-time rules and how to estimate and render. Built by <see cref="Parse"/>, which names every bad parameter.
/// </summary>
public sealed record SurvivalRequest
{
    public required SurvivalReportKind Kind { get; init; }
    public required CohortDefinition Cohort { get; init; }
    public required SurvivalTimeRules Rules { get; init; }
    public string Format { get; init; } = "json";
    public string Title { get; init; } = "Survival";
    public ConfidenceType Confidence { get; init; } = ConfidenceType.Log;
    public double Level { get; init; } = 0.95;
    public bool InMonths { get; init; } = true;
    /// <summary>Life table interval width in months (1 monthly, 12 yearly).</summary>
    public double IntervalMonths { get; init; } = 12;
    public int? Intervals { get; init; }
    /// <summary>Conditional survival: months already survived and further months.</summary>
    public double Survived { get; init; } = 12;
    public double Additional { get; init; } = 60;
    public string? LifeTable { get; init; }
    public NetSurvivalMethod Method { get; init; } = NetSurvivalMethod.PoharPerme;
    /// <summary>True when no cutoff was given: the report ends at the last follow-up date in its cases.</summary>
    public bool CutoffFromData { get; init; }
    /// <summary>Relative: ICSS age standardisation, 1-3, or 0 for the standard the sites call for; null = none.</summary>
    public int? Icss { get; init; }
    /// <summary>Relative: times (days) at which standardised and conditional net survival are read.</summary>
    public IReadOnlyList<double> TimesDays { get; init; } = [365, 1826];
    /// <summary>Relative: period analysis window (follow-up inside these calendar dates only).</summary>
    public (DateOnly From, DateOnly To)? Period { get; init; }
    /// <summary>Relative: conditional net survival asked for (survived/additional given, in months).</summary>
    public bool ConditionalNet { get; init; }
    /// <summary>Recompute as the registry stood after this event sequence number (replaying events up to it).</summary>
    public long? AsOfSequence { get; init; }
    /// <summary>Recompute as the registry stood at this time (the last event recorded by then).</summary>
    public DateTimeOffset? AsOf { get; init; }
    /// <summary>Name of a saved cohort whose definition is combined with the filters given.</summary>
    public string? SavedCohort { get; init; }

    /// <summary>Parameter names understood (API query keys; the CLI's options are the same in kebab case).</summary>
    public static readonly string[] Parameters =
    [
        "site", "stage", "sex", "race", "age", "years", "facility", "state", "county", "stratify", "ageGroups",
        "cutoff", "followUp", "format", "title", "confidence", "level", "timeUnit", "interval", "intervals",
        "survived", "additional", "lifeTable", "method", "histology", "behavior", "vitalStatus", "icss", "times", "period", "asOfSequence", "asOf", "cohort",
    ];

    /// <summary>The parameters that say which cases (what a saved cohort stores).</summary>
    public static readonly string[] CohortParameters =
        ["site", "stage", "sex", "race", "age", "years", "facility", "state", "county", "histology", "behavior", "vitalStatus"];

    /// <summary>Formats each report can be rendered in.</summary>
    public static IReadOnlyList<string> FormatsFor(SurvivalReportKind kind) => kind switch
    {
        SurvivalReportKind.Observed or SurvivalReportKind.CauseSpecific => ["json", "csv", "svg", "html"],
        _ => ["json", "csv"],
    };

    /// <summary>
    /// Reads the parameters; returns the request or the errors by parameter name. Lists are comma separated;
    /// <paramref name="today"/> sets the default cutoff (December 31 of the previous year).
    /// </summary>
    public static (SurvivalRequest? Request, Dictionary<string, string[]> Errors) Parse(SurvivalReportKind kind,
        IEnumerable<KeyValuePair<string, string?>> parameters, StratumLabels labels, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var p = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in parameters)
        {
            if (!Parameters.Contains(key, StringComparer.OrdinalIgnoreCase))
                errors[key] = [$"Unknown parameter '{key}'. Known: {string.Join(", ", Parameters)}."];
            else if (!string.IsNullOrWhiteSpace(value)) p[key] = value.Trim();
        }
        void Error(string name, string message) => errors[name] = [message];
        string[] List(string name) => p.TryGetValue(name, out var v)
            ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        string[] Codes(string name, string naaccrId)
        {
            var values = List(name);
            var bad = values.Where(c => !labels.IsCode(naaccrId, c)).ToArray();
            if (bad.Length > 0) Error(name, $"Not a {naaccrId} code: {string.Join(", ", bad)}.");
            return values;
        }
        string Choice(string name, string fallback, params string[] allowed)
        {
            var v = p.GetValueOrDefault(name, fallback).ToLowerInvariant();
            if (!allowed.Contains(v)) Error(name, $"Use one of: {string.Join(", ", allowed)}.");
            return v;
        }
        double Number(string name, double fallback, double min, double max)
        {
            if (!p.TryGetValue(name, out var text)) return fallback;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            Error(name, $"Expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
            return fallback;
        }

        var sites = new List<string>();
        foreach (var s in List("site"))
        {
            if (labels.Sites.Resolve(s) is { } leaves) sites.AddRange(leaves.Except(sites));
            else Error("site", $"'{s}' is neither a SEER site recode 2023 code nor a site group name.");
        }
        var stages = Codes("stage", "summaryStage2018");
        var sexes = Codes("sex", "sexAssignedAtBirth");
        var races = Codes("race", "race1");
        var ages = new List<AgeRange>();
        foreach (var a in List("age"))
            if (ParseAgeRange(a) is { } r) ages.Add(r);
            else Error("age", $"'{a}' is not an age range such as 50-64 or 75+.");
        int? yearFrom = null, yearTo = null;
        if (p.TryGetValue("years", out var years))
        {
            var parts = years.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.All(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2100))
            {
                yearFrom = int.Parse(parts[0], CultureInfo.InvariantCulture);
                yearTo = int.Parse(parts[^1], CultureInfo.InvariantCulture);
                if (yearTo < yearFrom) Error("years", "The first year comes after the last.");
            }
            else Error("years", $"'{years}' is not a year or a range of years such as 2015-2019.");
        }
        var histologies = List("histology");
        if (histologies.Any(h => !HistologyPattern.IsMatch(h)))
            Error("histology", "Histologies are 4-digit ICD-O-3 codes or ranges such as 8140 or 8500-8549.");
        var behaviors = Codes("behavior", "behaviorCodeIcdO3");
        var vitalStatuses = List("vitalStatus");
        if (vitalStatuses.Any(v => v is not ("0" or "1"))) Error("vitalStatus", "Vital status is 0 (dead) or 1 (alive).");
        var states = List("state");
        if (states.Any(s => s.Length != 2 || !s.All(char.IsAsciiLetterUpper))) Error("state", "States are 2-letter postal codes such as NM.");
        var counties = List("county");
        if (counties.Any(c => c.Length != 3 || !c.All(char.IsAsciiDigit))) Error("county", "Counties are 3-digit FIPS codes such as 001.");

        var stratifyText = Choice("stratify", "none", "none", "site", "stage", "sex", "age", "race", "year", "facility", "county");
        var ageGroups = Choice("ageGroups", "broad", "broad", "5y") == "5y" ? AgeGrouping.FiveYear : AgeGrouping.Broad;

        var cutoff = new DateOnly(today.Year - 1, 12, 31); // only if the cases have no follow-up date at all
        if (p.TryGetValue("cutoff", out var cutoffText) &&
            !DateOnly.TryParseExact(cutoffText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out cutoff))
            Error("cutoff", $"'{cutoffText}' is not a date such as 2024-12-31.");
        var followUp = Choice("followUp", "active", "active", "presumed-alive");
        var formats = FormatsFor(kind);
        var format = Choice("format", "json", formats.ToArray());
        var confidence = Choice("confidence", kind == SurvivalReportKind.LifeTable ? "log-log" : "log", "log", "log-log", "plain");
        var level = Number("level", 0.95, 0.5, 0.999);
        var unit = Choice("timeUnit", "months", "months", "days");
        var interval = Choice("interval", "yearly", "yearly", "monthly");
        int? intervals = null;
        if (p.ContainsKey("intervals")) intervals = (int)Number("intervals", 1, 1, 1200);
        var survived = Number("survived", 12, 0, 1200);
        var additional = Number("additional", 60, 1, 1200);
        var method = Choice("method", "pohar-perme", "pohar-perme", "ederer2");
        var lifeTable = p.GetValueOrDefault("lifeTable");
        if (kind == SurvivalReportKind.Relative && lifeTable is null)
            Error("lifeTable", "Relative survival needs a population life table: give the name of an imported one.");

        int? icss = null;
        if (p.TryGetValue("icss", out var icssText))
        {
            if (icssText.Equals("auto", StringComparison.OrdinalIgnoreCase)) icss = 0;
            else if (icssText is "1" or "2" or "3") icss = icssText[0] - '0';
            else Error("icss", "Use auto (the standard the sites call for), 1, 2 or 3.");
        }
        var times = new List<double>();
        foreach (var t in List("times"))
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && d <= 36525) times.Add(d);
            else Error("times", $"'{t}' is not a number of days such as 365 or 1826.");
        (DateOnly, DateOnly)? period = null;
        if (p.TryGetValue("period", out var periodText))
        {
            var parts = periodText.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.All(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2100)
                && int.Parse(parts[0], CultureInfo.InvariantCulture) <= int.Parse(parts[^1], CultureInfo.InvariantCulture))
                period = (new DateOnly(int.Parse(parts[0], CultureInfo.InvariantCulture), 1, 1), new DateOnly(int.Parse(parts[^1], CultureInfo.InvariantCulture), 12, 31));
            else Error("period", $"'{periodText}' is not a calendar year or range of years such as 2018-2022.");
        }
        if ((icss is not null || period is not null || times.Count > 0) && kind != SurvivalReportKind.Relative)
            Error(icss is not null ? "icss" : period is not null ? "period" : "times", "Only relative survival is standardised, read at times or restricted to a period.");
        long? asOfSequence = null;
        if (p.TryGetValue("asOfSequence", out var seqText))
        {
            if (long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq >= 0) asOfSequence = seq;
            else Error("asOfSequence", $"'{seqText}' is not an event sequence number.");
        }
        DateTimeOffset? asOf = null;
        if (p.TryGetValue("asOf", out var asOfText))
        {
            if (DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) asOf = at;
            else Error("asOf", $"'{asOfText}' is not a date or time such as 2025-01-31 or 2025-01-31T12:00:00Z.");
        }
        if (asOf is not null && asOfSequence is not null) Error("asOf", "Give asOf or asOfSequence, not both.");

        if (errors.Count > 0) return (null, errors);
        var request = new SurvivalRequest
        {
            Kind = kind,
            Cohort = new CohortDefinition
            {
                SiteRecodes = sites, Stages = stages, Sexes = sexes, Races = races, Ages = ages, YearFrom = yearFrom, YearTo = yearTo,
                Facilities = List("facility"), States = states, Counties = counties, AgeGroups = ageGroups,
                Histologies = histologies, Behaviors = behaviors, VitalStatuses = vitalStatuses,
                Stratify = stratifyText == "age" ? Stratification.AgeGroup : Enum.Parse<Stratification>(stratifyText, ignoreCase: true),
            },
            Rules = new SurvivalTimeRules(cutoff, followUp == "presumed-alive" ? FollowUpMethod.PresumedAlive : FollowUpMethod.ActiveFollowUp),
            Format = format,
            Title = p.GetValueOrDefault("title") ?? DefaultTitle(kind),
            Confidence = confidence switch { "plain" => ConfidenceType.Plain, "log-log" => ConfidenceType.LogLog, _ => ConfidenceType.Log },
            Level = level,
            InMonths = unit == "months",
            IntervalMonths = interval == "monthly" ? 1 : 12,
            Intervals = intervals,
            Survived = survived,
            Additional = additional,
            LifeTable = lifeTable,
            Method = method == "ederer2" ? NetSurvivalMethod.EdererII : NetSurvivalMethod.PoharPerme,
            CutoffFromData = !p.ContainsKey("cutoff"),
            Icss = icss,
            TimesDays = times.Count > 0 ? times : [365, 1826],
            Period = period,
            ConditionalNet = kind == SurvivalReportKind.Relative && (p.ContainsKey("survived") || p.ContainsKey("additional")),
            AsOfSequence = asOfSequence,
            AsOf = asOf,
            SavedCohort = p.GetValueOrDefault("cohort"),
        };
        return (request, errors);
    }

    static string DefaultTitle(SurvivalReportKind kind) => kind switch
    {
        SurvivalReportKind.Observed => "Observed survival",
        SurvivalReportKind.CauseSpecific => "Cause-specific survival",
        SurvivalReportKind.LifeTable => "Observed survival (actuarial life table)",
        SurvivalReportKind.Conditional => "Conditional survival",
        _ => "Relative survival",
    };

    static readonly System.Text.RegularExpressions.Regex HistologyPattern = new(@"^[0-9]{4}(-[0-9]{4})?$");

    static AgeRange? ParseAgeRange(string text)
    {
        static int? Age(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a <= 130 ? a : null;
        if (text.EndsWith('+')) return Age(text[..^1]) is { } from ? new AgeRange(from, null) : null;
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 1) return Age(parts[0]) is { } one ? new AgeRange(one, one) : null;
        return Age(parts[0]) is { } lo && Age(parts[1]) is { } hi && hi >= lo ? new AgeRange(lo, hi) : null;
    }
}
