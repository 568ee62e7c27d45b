using System.CommandLine;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Cli.Survival;

/// <summary>
/// `survival --csv extract.csv`: Kaplan-Meier per group and the log-rank test from an analyst's extract
/// of (time, status, group), written as HTML (plot and tables), JSON or CSV.
/// </summary>
public static class SurvivalCommand
{
    public static void AddTo(RootCommand root)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "CSV with columns time, status (1 = dead, 0 = censored) and optional group.", Required = true };
        var format = new Option<string>("--format") { Description = "html, json or csv.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "json", "csv");
        var output = new Option<FileInfo?>("--out") { Description = "Output file (default: standard output)." };
        var title = new Option<string>("--title") { DefaultValueFactory = _ => "Survival" };
        var unit = new Option<string>("--time-unit") { DefaultValueFactory = _ => "days" };
        var strata = new Option<string?>("--strata") { Description = "Column of strata for a stratified log-rank test." };

        var command = new Command("survival", "Survival report (Kaplan-Meier, quantiles, log-rank) from a CSV extract.")
        {
            csv, format, output, title, unit, strata,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(csv)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"No such file: {file.FullName}");
                return 2;
            }
            SurvivalReport report;
            try
            {
                using var reader = file.OpenText();
                report = CsvSurvivalAnalysis.Analyse(reader, new CsvAnalysisOptions
                {
                    Title = parse.GetValue(title)!, TimeUnit = parse.GetValue(unit)!, StrataColumn = parse.GetValue(strata),
                });
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"{file.Name}: {e.Message}");
                return 2;
            }
            var text = parse.GetValue(format) switch
            {
                "json" => SurvivalJson.Write(report),
                "csv" => Curves(report),
                _ => HtmlReport.Render(report),
            };
            if (parse.GetValue(output) is { } o) File.WriteAllText(o.FullName, text);
            else Console.Out.Write(text);
            foreach (var (reason, count) in report.Exclusions) Console.Error.WriteLine($"Excluded {count}: {reason}");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static string Curves(SurvivalReport report)
    {
        var w = new StringWriter();
        SurvivalCsv.WriteCurves(w, report.Curves);
        return w.ToString();
    }
}
