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
        // Only relative survival uses each case's age (beyond filters and groups, which the query handles itself).
        var cases = await ReadCasesAsync(request.Cohort, withAge: request.Kind == SurvivalReportKind.Relative, ct);
        return Render(request, cases, table);
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
