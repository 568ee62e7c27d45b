using System.Text.Json.Nodes;
using Npgsql;
using TumorRegistry.Survival;
using TumorRegistry.Survival.CauseSpecific;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Reporting;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>A rendered report, the media type it is in, and the counts every format should make known.</summary>
public sealed record RenderedSurvivalReport(string ContentType, string Body)
{
    public int CasesRead { get; init; }
    /// <summary>Cases left out, by reason (CSV and SVG bodies have no room for them; the API sends them as a header).</summary>
    public IReadOnlyDictionary<string, int> Exclusions { get; init; } = new Dictionary<string, int>();
    /// <summary>What the report was computed from (registry state, cutoff, methods, software).</summary>
    public Reports.ReportProvenance? Provenance { get; init; }
}

/// <summary>A request that parsed but cannot run (e.g. an unknown life table), naming the parameter.</summary>
public sealed class SurvivalParameterException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Survival reports from the registry: reads the cohort from PostgreSQL, applies the SEER survival-time rules and
/// runs the survival library's estimators, then renders JSON, CSV, SVG or HTML. The statistics are the library's;
/// this class only feeds and formats them.
/// </summary>
public sealed class SurvivalReports(NpgsqlDataSource dataSource, StratumLabels labels)
{
    static readonly Lazy<CauseSpecificDeathClassification> CauseOfDeath = new(CauseSpecificDeathClassification.LoadShipped);

    public LifeTableStore LifeTables { get; } = new(dataSource);

    /// <summary>Opens the registry state a report reads (live, or replayed as of a sequence); the host gives it the event store.</summary>
    public Reports.RegistrySnapshot Snapshots { get; init; } = new(dataSource, null);

    /// <summary>Reads the cohort's cases (streamed from the database into one list the estimators share).</summary>
    public async Task<List<SurvivalCase>> ReadCasesAsync(CohortDefinition cohort, bool withAge = false, CancellationToken ct = default)
    {
        var cases = new List<SurvivalCase>();
        await foreach (var c in new CohortReader(dataSource, labels).ReadAsync(cohort, withAge, ct)) cases.Add(c);
        return cases;
    }

    public async Task<RenderedSurvivalReport> RunAsync(SurvivalRequest request, CancellationToken ct = default)
    {
        PopulationLifeTable? table = null;
        if (request.Kind == SurvivalReportKind.Relative)
            table = await LifeTables.LoadAsync(request.LifeTable!, ct)
                ?? throw new SurvivalParameterException("lifeTable", $"No population life table named '{request.LifeTable}' has been imported.");
        long? sequence = request.AsOfSequence;
        if (request.AsOf is { } at) sequence = await Snapshots.SequenceAtAsync(at, ct);
        await using var scope = await Snapshots.OpenAsync(sequence, ct);
        // Only relative survival uses each case's age (beyond filters and groups, which the query handles itself).
        var cases = new List<SurvivalCase>();
        await foreach (var c in new CohortReader(dataSource, labels).ReadAsync(request.Cohort, request.Kind == SurvivalReportKind.Relative, ct, scope))
            cases.Add(c);
        string source = "given";
        if (request.CutoffFromData)
        {
            if (LastFollowUp(cases) is { } end) { request = request with { Rules = request.Rules with { StudyCutoff = end } }; source = "end of follow-up in the data"; }
            else source = "no follow-up dates: December 31 of last year";
        }
        var provenance = new Reports.ReportProvenance(scope.Sequence, scope.Replayed, request.AsOf, request.Rules.StudyCutoff, source,
            Methods(request), request.SavedCohort);
        var rendered = Render(request, cases, table) with { Provenance = provenance };
        return rendered.ContentType switch
        {
            "application/json" => rendered with { Body = WithProvenance(rendered.Body, provenance) },
            "text/html" => rendered with { Body = rendered.Body.Replace("</body>", provenance.Html() + "</body>", StringComparison.Ordinal) },
            _ => rendered,
        };
    }

    /// <summary>The latest complete date of last contact among the cases (the end of follow-up in the data).</summary>
    public static DateOnly? LastFollowUp(IEnumerable<SurvivalCase> cases)
    {
        DateOnly? last = null;
        foreach (var c in cases)
            if (PartialDate.Parse(c.DateOfLastContact) is { IsComplete: true, Earliest: { } d } && (last is null || d > last)) last = d;
        return last;
    }

    static string WithProvenance(string json, Reports.ReportProvenance provenance)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["provenance"] = provenance.ToJson();
        if (body["cohort"] is JsonObject cohort) cohort["cutoff"] = provenance.Cutoff?.ToString("yyyy-MM-dd");
        return body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The methods in a line, as the report states them.</summary>
    public static string Methods(SurvivalRequest r)
    {
        var rules = $"SEER survival time rules ({(r.Rules.Method == FollowUpMethod.PresumedAlive ? "presumed alive" : "active follow-up")})";
        var ci = $"{r.Level:0.###} confidence intervals, {r.Confidence} transformation";
        return r.Kind switch
        {
            SurvivalReportKind.Observed => $"{rules}; Kaplan-Meier with Greenwood variance; {ci}; log-rank test",
            SurvivalReportKind.CauseSpecific => $"{rules}; SEER cause-specific death classification; Kaplan-Meier with Greenwood variance; {ci}; log-rank test",
            SurvivalReportKind.LifeTable => $"{rules}; actuarial (Cutler-Ederer) life table; {ci}",
            SurvivalReportKind.Conditional => $"{rules}; conditional Kaplan-Meier S(y+x)/S(y); {ci}",
            _ => $"{rules}; {(r.Method == NetSurvivalMethod.EdererII ? "Ederer II relative survival" : "Pohar Perme net survival")} against life table " +
                 $"'{r.LifeTable}' (exact ages from dates of birth where complete)" +
                 (r.Period is { } p ? $"; period analysis {p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd} (delayed entry)" : "") +
                 (r.Icss is { } s ? $"; ICSS age standardisation ({(s == 0 ? "standard by site" : $"standard {s}")})" : "") + $"; {ci}",
        };
    }

    /// <summary>Estimation and rendering on cases already read (the benchmark times this apart from the query).</summary>
    public static RenderedSurvivalReport Render(SurvivalRequest request, IReadOnlyList<SurvivalCase> cases, PopulationLifeTable? table = null)
    {
        var options = Options(request);
        return request.Kind switch
        {
            SurvivalReportKind.Observed => Curves(request, cases.Count, RegistrySurvival.Observed(cases, request.Rules, options)),
            SurvivalReportKind.CauseSpecific => Curves(request, cases.Count,
                RegistrySurvival.CauseSpecific(cases, request.Rules, CauseOfDeath.Value, options)),
            SurvivalReportKind.LifeTable => LifeTableReport.Render(request, cases),
            SurvivalReportKind.Conditional => ConditionalReport.Render(request, cases),
            _ => RelativeReport.Render(request, cases, table ?? throw new ArgumentNullException(nameof(table))),
        };
    }

    /// <summary>The plot (SVG) and the table (CSV) of observed or cause-specific survival from one estimation (the web page shows both).</summary>
    public static (string Svg, string Csv) PlotAndTable(SurvivalRequest request, IReadOnlyList<SurvivalCase> cases)
    {
        var report = request.Kind == SurvivalReportKind.CauseSpecific
            ? RegistrySurvival.CauseSpecific(cases, request.Rules, CauseOfDeath.Value, Options(request))
            : RegistrySurvival.Observed(cases, request.Rules, Options(request));
        return (SurvivalPlot.Svg(report), Write(w => SurvivalCsv.WriteCurves(w, report.Curves)));
    }

    static SurvivalAnalysisOptions Options(SurvivalRequest request) => new()
    {
        Title = request.Title, InMonths = request.InMonths, ConfidenceType = request.Confidence, ConfidenceLevel = request.Level,
    };

    static RenderedSurvivalReport Curves(SurvivalRequest request, int read, SurvivalReport report) => Attach(report.Exclusions, read, request.Format switch
    {
        "csv" => new("text/csv", Write(w => SurvivalCsv.WriteCurves(w, report.Curves))),
        "svg" => new("image/svg+xml", SurvivalPlot.Svg(report)),
        "html" => new("text/html", HtmlReport.Render(report)),
        _ => Json(request, read, JsonNode.Parse(SurvivalJson.Write(report))!.AsObject()),
    });

    internal static RenderedSurvivalReport Attach(IReadOnlyDictionary<string, int> exclusions, int read, RenderedSurvivalReport report) =>
        report with { CasesRead = read, Exclusions = exclusions };

    /// <summary>Adds what was asked (cohort, cutoff, cases read) to a JSON report so it documents itself.</summary>
    internal static RenderedSurvivalReport Json(SurvivalRequest request, int read, JsonObject body)
    {
        var c = request.Cohort;
        body["cohort"] = new JsonObject
        {
            ["casesRead"] = read,
            ["cutoff"] = request.Rules.StudyCutoff.ToString("yyyy-MM-dd"),
            ["followUp"] = request.Rules.Method == FollowUpMethod.PresumedAlive ? "presumed-alive" : "active",
            ["siteRecodes"] = Array(c.SiteRecodes), ["stages"] = Array(c.Stages), ["sexes"] = Array(c.Sexes),
            ["races"] = Array(c.Races), ["ages"] = Array(c.Ages.Select(a => a.ToString())),
            ["yearFrom"] = c.YearFrom, ["yearTo"] = c.YearTo, ["facilities"] = Array(c.Facilities),
            ["states"] = Array(c.States), ["counties"] = Array(c.Counties),
            ["stratify"] = c.Stratify.ToString(),
        };
        return new("application/json", body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    internal static string Write(Action<StringWriter> write)
    {
        var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    /// <summary>Included survival times grouped by label, groups in the order the library sorts them.</summary>
    internal static IEnumerable<IGrouping<string, SurvivalTime>> Groups(IEnumerable<SurvivalTime> times) =>
        times.GroupBy(t => t.Case.Group ?? "all").OrderBy(g => g.Key, GroupLabelComparer.Instance);

    internal static JsonObject Exclusions(IReadOnlyDictionary<string, int> counts)
    {
        var o = new JsonObject();
        foreach (var (reason, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal)) o[reason] = count;
        return o;
    }
}
