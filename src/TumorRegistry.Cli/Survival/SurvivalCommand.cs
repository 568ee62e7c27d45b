using System.CommandLine;
using System.Globalization;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Cli.Survival;

/// <summary>
/// `survival --csv extract.csv`: Kaplan-Meier per group and the log-rank test from an analyst's extract
/// of (time, status, group), written as HTML (plot and tables), JSON or CSV. Columns are mapped with --time,
/// --status (+ --event-codes/--censor-codes) and --group; --times gives R's summary(fit, times=) table as CSV or JSON.
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
        var time = new Option<string>("--time") { Description = "Follow-up time column (default time).", DefaultValueFactory = _ => "time" };
        var status = new Option<string>("--status") { Description = "Status column (default status).", DefaultValueFactory = _ => "status" };
        var eventCodes = new Option<string?>("--event-codes") { Description = "Status values meaning the event, e.g. 2 (default 1/true/dead)." };
        var censorCodes = new Option<string?>("--censor-codes") { Description = "Status values meaning censored, e.g. 0,1 (default 0/false/alive)." };
        var group = new Option<string?>("--group") { Description = "Group column; named, it must exist (default: 'group' if present, else one curve)." };
        var confidence = new Option<string>("--confidence") { Description = "Interval: plain, log (default, as R) or log-log.", DefaultValueFactory = _ => "log" };
        confidence.AcceptOnlyFromAmong("plain", "log", "log-log");
        var level = new Option<double>("--level") { Description = "Confidence level (default 0.95).", DefaultValueFactory = _ => 0.95 };
        var times = new Option<string?>("--times") { Description = "Comma-separated times for a table as R summary(fit, times=) (csv or json)." };

        var command = new Command("survival", "Survival report (Kaplan-Meier, quantiles, log-rank) from a CSV extract.")
        {
            csv, format, output, title, unit, strata, time, status, eventCodes, censorCodes, group, confidence, level, times,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(csv)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"No such file: {file.FullName}");
                return 2;
            }
            if (parse.GetValue(level) is not (> 0 and < 1))
            {
                Console.Error.WriteLine("--level: a confidence level between 0 and 1, e.g. 0.95.");
                return 2;
            }
            double[]? at = null;
            if (parse.GetValue(times) is { } list)
            {
                var parts = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var parsed = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : (double?)null).ToList();
                if (parsed.Count == 0 || parsed.Any(v => v is null) || parse.GetValue(format) == "html")
                {
                    Console.Error.WriteLine("--times: non-negative numbers separated by commas, e.g. 365,730,1825, with --format csv or json.");
                    return 2;
                }
                at = [.. parsed.Select(v => v!.Value)];
            }
            SurvivalReport report;
            try
            {
                using var reader = file.OpenText();
                report = CsvSurvivalAnalysis.Analyse(reader, new CsvAnalysisOptions
                {
                    Title = parse.GetValue(title)!, TimeUnit = parse.GetValue(unit)!, StrataColumn = parse.GetValue(strata),
                    TimeColumn = parse.GetValue(time)!, StatusColumn = parse.GetValue(status)!,
                    EventCodes = Codes(parse.GetValue(eventCodes)), CensorCodes = Codes(parse.GetValue(censorCodes)),
                    GroupColumn = parse.GetValue(group) ?? "group", GroupRequired = parse.GetValue(group) is not null,
                    ConfidenceType = parse.GetValue(confidence) switch { "plain" => ConfidenceType.Plain, "log-log" => ConfidenceType.LogLog, _ => ConfidenceType.Log },
                    ConfidenceLevel = parse.GetValue(level),
                });
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"{file.Name}: {e.Message}");
                return 2;
            }
            var text = at is not null ? Times(report, at, parse.GetValue(format) == "json") : parse.GetValue(format) switch
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

    private static string[]? Codes(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Times(SurvivalReport report, double[] at, bool json)
    {
        if (json)
            return System.Text.Json.JsonSerializer.Serialize(new
            {
                confidenceType = report.Curves.FirstOrDefault()?.ConfidenceType.ToString(), confidenceLevel = report.Curves.FirstOrDefault()?.ConfidenceLevel,
                standardError = "se of S (Greenwood)",
                rows = report.Curves.SelectMany(c => SurvivalAtTimes.Table(c, at)).Select(r => new
                {
                    group = r.Group, time = r.Time, nRisk = r.AtRisk, nEvent = r.Events, nCensor = r.Censored, survival = r.Survival,
                    stdErrSurvival = r.StdErr, lower = double.IsNaN(r.Lower) ? (double?)null : r.Lower, upper = double.IsNaN(r.Upper) ? (double?)null : r.Upper,
                }),
            }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var w = new StringWriter();
        SurvivalCsv.WriteTimes(w, report.Curves, at);
        return w.ToString();
    }

    private static string Curves(SurvivalReport report)
    {
        var w = new StringWriter();
        SurvivalCsv.WriteCurves(w, report.Curves);
        return w.ToString();
    }
}
