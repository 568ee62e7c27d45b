using System.Globalization;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Quality;
using TumorRegistry.Infrastructure.Survival;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// The demo's denominators and reports: imports the synthetic population and a clearly labelled synthetic life
/// table, then writes the reports an epidemiologist would ask for first, through the same code as the API.
/// </summary>
public sealed class DemoReports(RegistryIncidence incidence, SurvivalReports survival, StratumLabels labels, TimeProvider clock, ILogger<DemoReports> log,
    RegistryQuality quality)
{
    public const string LifeTableName = "synthetic-demo";

    public async Task ImportDenominatorsAsync(SyntheticOptions options, CancellationToken ct = default)
    {
        await Infrastructure.Synthetic.SyntheticLoader.ImportDenominatorsAsync(incidence.Populations, options, "demo.loader", ct);
        await survival.LifeTables.ImportAsync(LifeTableName, "Synthetic life table for the demo only (Gompertz-shaped, not a real population's)",
            new StringReader(SyntheticLifeTable.Csv()), replace: true, importedBy: "demo.loader", ct: ct);
    }

    /// <summary>Writes the demo reports into <paramref name="folder"/> and returns their paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string folder, SyntheticOptions options, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        async Task Save(string name, string body)
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, body, ct);
            written.Add(path);
        }

        foreach (var (file, kind, parameters) in SurvivalReportsToWrite(options.FollowUpThrough))
        {
            var (request, errors) = SurvivalRequest.Parse(kind, parameters, labels, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            if (request is null) throw new InvalidOperationException($"Demo report {file}: {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)))}");
            await Save(file, (await survival.RunAsync(request, ct)).Body);
        }

        foreach (var (file, format, site) in new[] { ("incidence-by-county.html", "html", (string?)null), ("incidence-by-county.csv", "csv", null), ("incidence-lung.svg", "svg", "Lung and Bronchus") })
        {
            var query = new IncidenceParameters("NM", (options.LastYear - 4).ToString(CultureInfo.InvariantCulture), options.LastYear.ToString(CultureInfo.InvariantCulture), BySex: "true", Format: format, Sites: site is null ? null : [site])
                .Validate(incidence.SiteGroups, out var errors)
                ?? throw new InvalidOperationException($"Demo report {file}: {string.Join("; ", errors.Keys)}");
            if (await incidence.BuildAsync(query, ct) is IncidenceOutcome.Built built)
                await Save(file, IncidenceRendering.Render(built, query, incidence.SiteGroups).Text);
        }
        // The manager's data quality report for the last diagnosis year (docs/data-quality.md).
        await Save($"quality-{options.LastYear}.html", QualityRendering.Html(await quality.BuildAsync(options.LastYear, options.LastYear, "NM", _ => true, allFacilities: true, ct)));
        log.LogInformation("Demo: wrote {Count} reports to {Folder}.", written.Count, folder);
        return written;
    }

    private static IEnumerable<(string File, SurvivalReportKind Kind, KeyValuePair<string, string?>[] Parameters)> SurvivalReportsToWrite(DateOnly followUpThrough)
    {
        static KeyValuePair<string, string?> P(string k, string v) => new(k, v);
        var cutoff = P("cutoff", followUpThrough.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ("survival-by-stage.html", SurvivalReportKind.Observed, [P("stratify", "stage"), cutoff, P("format", "html"), P("title", "Observed survival by Summary Stage 2018 (demo)")]);
        yield return ("survival-by-site.csv", SurvivalReportKind.Observed, [P("stratify", "site"), cutoff, P("format", "csv")]);
        yield return ("cause-specific-by-stage.html", SurvivalReportKind.CauseSpecific, [P("stratify", "stage"), cutoff, P("format", "html"), P("title", "Cause-specific survival by stage (demo)")]);
        yield return ("life-table-yearly.csv", SurvivalReportKind.LifeTable, [cutoff, P("format", "csv")]);
        yield return ("net-survival-pohar-perme.json", SurvivalReportKind.Relative, [cutoff, P("format", "json"), P("lifeTable", LifeTableName), P("site", "Lung and Bronchus")]);
    }
}
