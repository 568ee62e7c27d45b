using System.CommandLine;
using TumorRegistry.Incidence.Areas;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Standards;

namespace TumorRegistry.Cli.Incidence;

/// <summary>
/// `incidence --state NM --from 2015 --to 2022 --format html --out table.html`: the same table as GET /incidence.
/// With --sir: county standardised incidence ratios instead of the table; --scan adds Kulldorff's scan clusters.
/// Exit 2 on invalid options, 3 when no population covers the state.
/// </summary>
public static class IncidenceCommand
{
    // The shared validator names parameters as the web API does; the CLI shows its own option names.
    private static readonly Dictionary<string, string> OptionNames = new()
    {
        ["bySex"] = "--by-sex", ["byRace"] = "--by-race",
    };

    public static Command Create()
    {
        var state = new Option<string>("--state") { Description = "The registry's state (postal code).", Required = true };
        var from = new Option<string>("--from") { Description = "First diagnosis year.", Required = true };
        var to = new Option<string>("--to") { Description = "Last diagnosis year.", Required = true };
        var area = new Option<string?>("--area") { Description = "county (default) or state." };
        var bySex = new Option<bool>("--by-sex") { Description = "Male and female rows beside both sexes." };
        var byRace = new Option<bool>("--by-race") { Description = "A row per race/ethnicity beside all races." };
        var periods = new Option<string?>("--periods") { Description = "pooled (default), single or single-and-pooled." };
        var site = new Option<string[]>("--site") { Description = "SEER site recode 2023 group names or codes; 'All Sites'.", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<string?>("--threshold") { Description = "Suppress counts below this (default 16)." };
        var standard = new Option<string?>("--standard") { Description = "us2000 (default) or us2000-18." };
        var format = new Option<string?>("--format") { Description = "html (default), json, csv or svg (one site)." };
        var population = new Option<string?>("--population") { Description = "Id of an imported population (default: newest for the state)." };
        var output = new Option<FileInfo?>("--out") { Description = "Output file (default: standard output)." };
        var sir = new Option<bool>("--sir") { Description = "County standardised incidence ratios against the state (csv, json or html)." };
        var scan = new Option<bool>("--scan") { Description = "With --sir: Kulldorff's spatial scan over county centroids (Poisson, high rates)." };
        var replications = new Option<int>("--replications") { Description = "Monte Carlo replications of the scan (default 999).", DefaultValueFactory = _ => 999 };
        var seed = new Option<int>("--seed") { Description = "Seed of the scan's replications (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("incidence", "Incidence table from the registry's cases and an imported population.")
        {
            state, from, to, area, bySex, byRace, periods, site, threshold, standard, format, population, output, sir, scan, replications, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (db, dataSource) = await IncidenceCommands.OpenAsync(ct);
            await using (db)
            await using (dataSource)
            {
                var incidence = new RegistryIncidence(dataSource, NaaccrStandards.Default);
                var query = new IncidenceParameters(parse.GetValue(state), parse.GetValue(from), parse.GetValue(to), parse.GetValue(area),
                        parse.GetValue(bySex) ? "true" : "false", parse.GetValue(byRace) ? "true" : "false", parse.GetValue(periods),
                        parse.GetValue(site), parse.GetValue(threshold), parse.GetValue(standard), parse.GetValue(format) ?? "html",
                        parse.GetValue(population))
                    .Validate(incidence.SiteGroups, out var errors);
                bool areas = parse.GetValue(sir) || parse.GetValue(scan);
                if (areas && query is not null && query.Area != AreaLevel.County) errors["area"] = ["--sir and --scan need county rows."];
                if (areas && query is not null && !AreaStatisticsRendering.Formats.Contains(query.Format)) errors["format"] = ["--sir gives csv, json or html."];
                if (parse.GetValue(replications) is < 1 or > 99_999) errors["replications"] = ["1 to 99999."];
                if (errors.Count > 0) query = null;
                if (query is null)
                {
                    foreach (var (key, messages) in errors)
                        foreach (var m in messages) Console.Error.WriteLine($"{OptionNames.GetValueOrDefault(key, "--" + key)}: {m}");
                    return 2;
                }
                switch (await incidence.BuildAsync(query, ct))
                {
                    case IncidenceOutcome.NoPopulation none:
                        Console.Error.WriteLine(none.Detail);
                        return 3;
                    case IncidenceOutcome.Built built:
                        var (_, text) = areas
                            ? AreaStatisticsRendering.Render(built, incidence.SiteGroups, query.Format, parse.GetValue(scan)
                                ? new ScanOptions { Replications = parse.GetValue(replications), Seed = parse.GetValue(seed) } : null)
                            : IncidenceRendering.Render(built, query, incidence.SiteGroups);
                        if (parse.GetValue(output) is { } o) await File.WriteAllTextAsync(o.FullName, text, ct);
                        else Console.Out.Write(text);
                        var x = built.Excluded;
                        Console.Error.WriteLine($"Population {built.Population.Id} '{built.Population.Name}'; {built.Table.Rows.Count} rows; " +
                            $"left out: {x.UnknownAge} unknown age, {x.UnknownSex} unknown sex; {x.NoSiteGroup} in All Sites only (no site group).");
                        return 0;
                    default:
                        throw new InvalidOperationException("Unmapped incidence outcome.");
                }
            }
        });
        return command;
    }
}
