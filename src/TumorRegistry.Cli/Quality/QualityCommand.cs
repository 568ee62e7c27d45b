using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TumorRegistry.Cli.Incidence;
using TumorRegistry.Domain.Quality;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Quality;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Codes;

namespace TumorRegistry.Cli.Quality;

/// <summary>
/// `quality --year 2023 [--format html|json] [--out report.html]`: the same indicators as GET /quality, for every facility.
/// `--list dco` writes the records behind a number as CSV instead (identified: keep the file safe); `--trend` the last ten
/// years (an HTML table, or JSON). Exit 2 on invalid options.
/// </summary>
public static class QualityCommand
{
    public static void AddTo(RootCommand root) => root.Subcommands.Add(Create());

    public static Command Create()
    {
        var year = new Option<int?>("--year") { Description = "Diagnosis year (or --from and --to)." };
        var from = new Option<int?>("--from") { Description = "First diagnosis year." };
        var to = new Option<int?>("--to") { Description = "Last diagnosis year." };
        var state = new Option<string?>("--state") { Description = "The registry's state (default: the state of the newest imported population)." };
        var format = new Option<string?>("--format") { Description = "html (default) or json." };
        var rates = new Option<FileInfo?>("--rates") { Description = "Reference rates CSV for expected counts (default: the shipped illustrative table)." };
        var list = new Option<string?>("--list") { Description = "Write the records behind an indicator as CSV: dco, duplicates, passing-edits, missing-age, missing-sex, missing-race, missing-county, timeliness-N." };
        var trend = new Option<bool>("--trend") { Description = "The indicators of the ten diagnosis years up to --year (html table or json)." };
        var output = new Option<FileInfo?>("--out") { Description = "Output file (default: standard output)." };
        var command = new Command("quality", "Data quality indicators (NAACCR certification, NPCR standards) for diagnosis years.")
        {
            year, from, to, state, format, rates, list, trend, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<string>();
            var (y, f, t) = (parse.GetValue(year), parse.GetValue(from), parse.GetValue(to));
            var (first, last) = y is { } one ? (one, one) : (f ?? 0, t ?? 0);
            if (y is null && (f is null || t is null)) errors.Add("--year, or --from and --to, is needed.");
            if (y is not null && (f is not null || t is not null)) errors.Add("--year or --from/--to, not both.");
            if (first is < 1900 or > 2200 || last < first) errors.Add("--year/--from/--to are diagnosis years, from not after to.");
            var fmt = parse.GetValue(format) ?? "html";
            if (fmt is not ("html" or "json")) errors.Add("--format is html or json.");
            var indicator = parse.GetValue(list);
            if (indicator is not null && QualityIndicators.ListOf(indicator, []) is null) errors.Add($"--list: no indicator {ErrorText.Quote(indicator)}.");
            if (errors.Count > 0)
            {
                foreach (var e in errors) Console.Error.WriteLine(e);
                return 2;
            }
            var (db, dataSource) = await IncidenceCommands.OpenAsync(ct);
            await using (db)
            await using (dataSource)
            {
                var quality = new RegistryQuality(new QualityReader(dataSource, new IncidenceSiteGroups(NaaccrStandards.Default.SiteRecode)),
                    QualityReference.Load(parse.GetValue(rates)?.FullName), TimeProvider.System);
                string text;
                if (indicator is not null)
                    text = Csv(await quality.ListAsync(indicator, first, last, _ => true, ct) ?? []);
                else if (parse.GetValue(trend))
                {
                    var years = await quality.TrendAsync(last, 10, parse.GetValue(state), _ => true, true, ct);
                    text = fmt == "html" ? QualityRendering.TrendHtml(years) : JsonSerializer.Serialize(years, QualityRendering.Json);
                }
                else
                    text = QualityRendering.Render(await quality.BuildAsync(first, last, parse.GetValue(state), _ => true, true, ct), fmt).Text;
                if (parse.GetValue(output) is { } o) await File.WriteAllTextAsync(o.FullName, text, ct);
                else Console.Out.Write(text);
                return 0;
            }
        });
        return command;
    }

    private static string Csv(IReadOnlyList<(QualityRecord Record, Guid? DuplicateOf)> rows)
    {
        var w = new StringWriter();
        w.WriteLine("facility,abstractor,case_id,patient_id_number,dx_year,first_reported_at,failing_edits,duplicate_of");
        foreach (var (r, dup) in rows)
            w.WriteLine(string.Join(',', new[]
            {
                r.Facility ?? RegistryQuality.NoFacility, r.Abstractor ?? "", r.CaseId.ToString(), r.PatientIdNumber ?? "",
                r.DxYear.ToString(CultureInfo.InvariantCulture), r.FirstReportedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
                string.Join(' ', r.FailingEdits), dup?.ToString() ?? "",
            }.Select(TumorRegistry.Standards.Codes.Csv.Quote)));
        return w.ToString();
    }
}
