using System.CommandLine;
using Npgsql;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Cohorts;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Reports;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Cli.Survival;

/// <summary>
/// `survival-report --site 30 --stratify stage --cutoff 2024-12-31 --out report.html`: a survival report from the
/// registry's cases in TUMORREGISTRY_DB (or the private cluster). Options are the API's query parameters in kebab case.
/// </summary>
public static class SurvivalReportCommand
{
    // CLI option -> the shared parser's parameter name.
    static readonly (string Option, string Parameter, string Help)[] Parameters =
    [
        ("--site", "site", "SEER site recode 2023 codes or group names, comma separated."),
        ("--stage", "stage", "Summary Stage 2018 codes."),
        ("--sex", "sex", "Sex codes (1 male, 2 female)."),
        ("--race", "race", "Race 1 codes."),
        ("--age", "age", "Age ranges, e.g. 50-64,75+."),
        ("--years", "years", "Diagnosis year or range, e.g. 2015-2019."),
        ("--facility", "facility", "Reporting facility codes."),
        ("--state", "state", "State at diagnosis (postal code)."),
        ("--county", "county", "County at diagnosis (3-digit FIPS)."),
        ("--stratify", "stratify", "none|site|stage|sex|age|race|year|facility|county."),
        ("--age-groups", "ageGroups", "broad or 5y (for --stratify age)."),
        ("--cutoff", "cutoff", "Study cutoff yyyy-MM-dd (default: December 31 of last year)."),
        ("--follow-up", "followUp", "active or presumed-alive."),
        ("--title", "title", "Report title."),
        ("--confidence", "confidence", "log, log-log or plain."),
        ("--level", "level", "Confidence level (0.95)."),
        ("--time-unit", "timeUnit", "months or days."),
        ("--interval", "interval", "Life table: yearly or monthly."),
        ("--intervals", "intervals", "Life table: number of intervals."),
        ("--survived", "survived", "Conditional: months already survived."),
        ("--additional", "additional", "Conditional: further months."),
        ("--life-table", "lifeTable", "Relative: name of an imported population life table."),
        ("--method", "method", "Relative: pohar-perme or ederer2."),
        ("--histology", "histology", "ICD-O-3 histology codes or ranges, e.g. 8140,8500-8549."),
        ("--behavior", "behavior", "ICD-O-3 behavior codes."),
        ("--vital-status", "vitalStatus", "0 dead, 1 alive."),
        ("--icss", "icss", "Relative: ICSS age standardisation, auto, 1, 2 or 3."),
        ("--times", "times", "Relative: days at which standardised net survival is read (365,1826)."),
        ("--period", "period", "Relative: period analysis, follow-up inside these calendar years, e.g. 2018-2022."),
        ("--as-of-sequence", "asOfSequence", "Recompute as the registry stood after this event sequence number."),
        ("--as-of", "asOf", "Recompute as the registry stood at this date or time."),
        ("--cohort", "cohort", "A saved cohort's name (its criteria choose the cases)."),
    ];

    public static void AddTo(RootCommand root)
    {
        var report = new Option<string>("--report")
        {
            Description = "observed, cause-specific, life-table, conditional or relative.", DefaultValueFactory = _ => "observed",
        };
        report.AcceptOnlyFromAmong("observed", "cause-specific", "life-table", "conditional", "relative");
        var format = new Option<string?>("--format") { Description = "json, csv, svg or html (default: from --out's extension, else html or json)." };
        var output = new Option<FileInfo?>("--out") { Description = "Output file (default: standard output)." };
        var options = Parameters.Select(p => (p.Parameter, Option: new Option<string?>(p.Option) { Description = p.Help })).ToList();

        var command = new Command("survival-report", "Survival report (observed, cause-specific, life table, conditional, relative) from the registry's cases.");
        command.Options.Add(report);
        command.Options.Add(format);
        command.Options.Add(output);
        foreach (var (_, option) in options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var kind = parse.GetValue(report) switch
            {
                "cause-specific" => SurvivalReportKind.CauseSpecific, "life-table" => SurvivalReportKind.LifeTable,
                "conditional" => SurvivalReportKind.Conditional, "relative" => SurvivalReportKind.Relative, _ => SurvivalReportKind.Observed,
            };
            var file = parse.GetValue(output);
            var values = options.Select(o => new KeyValuePair<string, string?>(o.Parameter, parse.GetValue(o.Option))).ToList();
            values.Add(new("format", parse.GetValue(format) ?? DefaultFormat(kind, file)));
            // Without a saved cohort the options can be checked before any database is opened.
            if (values.All(v => v.Key != "cohort" || string.IsNullOrWhiteSpace(v.Value))
                && SurvivalRequest.Parse(kind, values, StratumLabels.Default, DateOnly.FromDateTime(DateTime.UtcNow)) is (null, var early))
            {
                foreach (var (name, messages) in early) Console.Error.WriteLine($"{OptionOf(name)}: {string.Join(" ", messages)}");
                return 2;
            }
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            await using var dataSource = NpgsqlDataSource.Create(db.ConnectionString);
            var cohorts = new SavedCohortStore(dataSource, StratumLabels.Default);
            var (expanded, saved, cohortErrors) = await cohorts.ExpandAsync(values, ct);
            var (request, errors) = cohortErrors.Count > 0 ? (null, cohortErrors)
                : SurvivalRequest.Parse(kind, expanded, StratumLabels.Default, DateOnly.FromDateTime(DateTime.UtcNow));
            if (request is null)
            {
                foreach (var (name, messages) in errors) Console.Error.WriteLine($"{OptionOf(name)}: {string.Join(" ", messages)}");
                return 2;
            }
            if (saved is not null) request = request with { SavedCohort = $"{saved.Name} (version {saved.Version})" };
            await using var marten = RegistryStore.Create(db.ConnectionString);
            var reports = new SurvivalReports(dataSource, StratumLabels.Default)
            {
                Snapshots = new RegistrySnapshot(dataSource, new RegistryEvents(marten)),
            };
            RenderedSurvivalReport rendered;
            try { rendered = await reports.RunAsync(request, ct); }
            catch (SurvivalParameterException e)
            {
                Console.Error.WriteLine($"{OptionOf(e.Field)}: {e.Message}");
                return 2;
            }
            if (file is not null)
            {
                await File.WriteAllTextAsync(file.FullName, rendered.Body, ct);
                Console.Error.WriteLine($"Wrote {request.Title} ({rendered.ContentType}) to {file.FullName}");
            }
            else Console.Out.Write(rendered.Body);
            Console.Error.WriteLine($"Cases read: {rendered.CasesRead}");
            foreach (var (name, value) in rendered.Provenance?.Headers() ?? []) Console.Error.WriteLine($"{name["X-".Length..]}: {value}");
            foreach (var (reason, count) in rendered.Exclusions) Console.Error.WriteLine($"Excluded {count}: {reason}");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    static string DefaultFormat(SurvivalReportKind kind, FileInfo? file)
    {
        var ext = file?.Extension.TrimStart('.').ToLowerInvariant();
        if (ext is "json" or "csv" or "svg" or "html") return ext;
        return SurvivalRequest.FormatsFor(kind).Contains("html") ? "html" : "json";
    }

    static string OptionOf(string parameter) =>
        parameter == "format" ? "--format"
        : Parameters.FirstOrDefault(p => p.Parameter.Equals(parameter, StringComparison.OrdinalIgnoreCase)).Option ?? parameter;
}
