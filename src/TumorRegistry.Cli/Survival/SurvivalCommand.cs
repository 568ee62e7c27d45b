using System.CommandLine;
using System.Globalization;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;
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
        var table = new Option<string>("--table") { Description = "CSV table: curves (default), quantiles or log-rank.", DefaultValueFactory = _ => "curves" };
        table.AcceptOnlyFromAmong("curves", "quantiles", "log-rank");
        var probabilities = new Option<string>("--quantiles") { Description = "Quantile probabilities for --table quantiles (0.25,0.5,0.75).", DefaultValueFactory = _ => "0.25,0.5,0.75" };
        var lifeTable = new Option<FileInfo?>("--life-table") { Description = "Population life table CSV (age,year,sex[,race],qx): relative/net survival, time in days." };
        var method = new Option<string>("--method") { Description = "With --life-table: pohar-perme (net, default) or ederer2.", DefaultValueFactory = _ => "pohar-perme" };
        method.AcceptOnlyFromAmong("pohar-perme", "ederer2");
        var age = new Option<string>("--age") { Description = "With --life-table: age at diagnosis in years (default age).", DefaultValueFactory = _ => "age" };
        var birth = new Option<string?>("--birth-date") { Description = "With --life-table: date of birth column; the exact age comes from it." };
        var sex = new Option<string>("--sex") { Description = "With --life-table: sex column, coded as the life table (default sex).", DefaultValueFactory = _ => "sex" };
        var diagnosis = new Option<string>("--diagnosis-date") { Description = "With --life-table: diagnosis date column (default diagnosis_date).", DefaultValueFactory = _ => "diagnosis_date" };
        var icss = new Option<int?>("--icss") { Description = "With --life-table and --times: ICSS age standardisation, 1, 2 or 3." };
        var period = new Option<string?>("--period") { Description = "With --life-table: period analysis, follow-up inside these years (e.g. 2000-2002)." };

        var command = new Command("survival", "Survival report (Kaplan-Meier, quantiles, log-rank; relative/net survival with --life-table) from a CSV extract.")
        {
            csv, format, output, title, unit, strata, time, status, eventCodes, censorCodes, group, confidence, level, times, table, probabilities,
            lifeTable, method, age, birth, sex, diagnosis, icss, period,
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
            var ciType = parse.GetValue(confidence) switch { "plain" => ConfidenceType.Plain, "log-log" => ConfidenceType.LogLog, _ => ConfidenceType.Log };
            if (parse.GetValue(lifeTable) is { } lifeFile)
                return Relative(parse.GetValue(output), file, lifeFile, at, parse.GetValue(format)!, parse.GetValue(icss), parse.GetValue(period), new CsvRelativeOptions
                {
                    TimeColumn = parse.GetValue(time)!, StatusColumn = parse.GetValue(status)!,
                    EventCodes = Codes(parse.GetValue(eventCodes)), CensorCodes = Codes(parse.GetValue(censorCodes)), GroupColumn = parse.GetValue(group),
                    AgeColumn = parse.GetValue(age)!, BirthDateColumn = parse.GetValue(birth), SexColumn = parse.GetValue(sex)!,
                    DiagnosisDateColumn = parse.GetValue(diagnosis)!, ConfidenceType = ciType, ConfidenceLevel = parse.GetValue(level),
                    Method = parse.GetValue(method) == "ederer2" ? NetSurvivalMethod.EdererII : NetSurvivalMethod.PoharPerme,
                });
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
                "csv" => parse.GetValue(table) switch
                {
                    "quantiles" => Quantiles(report, parse.GetValue(probabilities)!),
                    "log-rank" => LogRankTable(report),
                    _ => Curves(report),
                },
                _ => HtmlReport.Render(report),
            };
            if (parse.GetValue(output) is { } o) File.WriteAllText(o.FullName, text);
            else Console.Out.Write(text);
            foreach (var (reason, count) in report.Exclusions) Console.Error.WriteLine($"Excluded {count}: {reason}");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    /// <summary>Relative (Ederer II) or net (Pohar Perme) survival from the extract against a life table file.</summary>
    private static int Relative(FileInfo? output, FileInfo file, FileInfo lifeFile, double[]? at, string format, int? icss, string? period, CsvRelativeOptions o)
    {
        if (!lifeFile.Exists) { Console.Error.WriteLine($"--life-table: no such file: {lifeFile.FullName}"); return 2; }
        if (icss is not (null or 1 or 2 or 3) || (icss is not null && at is null))
        {
            Console.Error.WriteLine("--icss: 1, 2 or 3, with --times (the days at which the standardised survival is read).");
            return 2;
        }
        if (period is not null)
        {
            var years = period.Split('-', 2, StringSplitOptions.TrimEntries);
            if (!years.All(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2100))
            {
                Console.Error.WriteLine("--period: a calendar year or range of years, e.g. 2000-2002.");
                return 2;
            }
            o = o with { Period = (new DateOnly(int.Parse(years[0], CultureInfo.InvariantCulture), 1, 1), new DateOnly(int.Parse(years[^1], CultureInfo.InvariantCulture), 12, 31)) };
        }
        PopulationLifeTable population;
        try { population = PopulationLifeTable.LoadFile(lifeFile.FullName); }
        catch (FormatException e) { Console.Error.WriteLine($"--life-table: {e.Message}"); return 2; }
        IReadOnlyList<(string Group, IReadOnlyList<RelativeSurvivalSubject> Subjects)> groups;
        IReadOnlyDictionary<string, int> excluded;
        try
        {
            using var reader = file.OpenText();
            (groups, excluded) = CsvRelativeSurvival.Read(reader, population, o);
        }
        catch (FormatException e) { Console.Error.WriteLine($"{file.Name}: {e.Message}"); return 2; }
        var w = new StringWriter();
        if (icss is { } standard)
            SurvivalCsv.WriteStandardised(w, groups.Select(g => (g.Group, StandardisedNetSurvival.Estimate(g.Subjects, population,
                IcssWeights.LoadShipped().Standard(standard), at!, o.Method, o.ConfidenceLevel))));
        else
        {
            var curves = CsvRelativeSurvival.Estimate(groups, population, o);
            if (format == "json") w.Write("[" + string.Join(",", curves.Select(SurvivalJson.Write)) + "]");
            else if (at is not null) SurvivalCsv.WriteRelativeAtTimes(w, curves, at);
            else
            {
                w.WriteLine("method,group,time,n_risk,n_event,survival,std_err_log,lower,upper");
                foreach (var c in curves)
                {
                    var one = new StringWriter();
                    SurvivalCsv.WriteRelative(one, c);
                    foreach (var line in one.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)) w.WriteLine(line.TrimEnd('\r'));
                }
            }
        }
        if (output is not null) File.WriteAllText(output.FullName, w.ToString());
        else Console.Out.Write(w.ToString());
        foreach (var (reason, count) in excluded) Console.Error.WriteLine($"Excluded {count}: {reason}");
        return 0;
    }

    private static string Quantiles(SurvivalReport report, string probabilities)
    {
        var ps = probabilities.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var w = new StringWriter();
        SurvivalCsv.WriteQuantiles(w, report.Curves, ps);
        return w.ToString();
    }

    private static string LogRankTable(SurvivalReport report)
    {
        var w = new StringWriter();
        if (report.LogRank is { } test) SurvivalCsv.WriteLogRank(w, test);
        else w.WriteLine("group,n,observed,expected,chisq,df,p");
        return w.ToString();
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
