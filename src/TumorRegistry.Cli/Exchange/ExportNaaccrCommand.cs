using System.CommandLine;
using System.Globalization;
using Npgsql;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Standards;

namespace TumorRegistry.Cli.Exchange;

/// <summary>
/// `export --out FILE`: the registry or a cohort as NAACCR XML (v25/v26, record type A/M/C/I), CSV of chosen items, or
/// the de-identified extract; gzip when the file name ends in .gz or --gzip. Exit code 2 for a request that cannot run.
/// </summary>
public static class ExportNaaccrCommand
{
    public static void AddTo(RootCommand root)
    {
        var output = new Option<FileInfo>("--out") { Description = "File to write (.gz: compressed).", Required = true };
        var version = new Option<string>("--naaccr-version") { Description = "250 or 260.", DefaultValueFactory = _ => "250" };
        var recordType = new Option<string>("--record-type") { Description = "A, M, C or I.", DefaultValueFactory = _ => "A" };
        var csv = new Option<string[]>("--csv") { Description = "CSV of these items (naaccrIds) instead of XML.", AllowMultipleArgumentsPerToken = true };
        var deidentified = new Option<bool>("--deidentified") { Description = "The de-identified extract (see docs/naaccr.md)." };
        var gzip = new Option<bool>("--gzip") { Description = "Compress with gzip." };
        var yearFrom = new Option<int?>("--dx-year-from") { Description = "Diagnosis year from (inclusive)." };
        var yearTo = new Option<int?>("--dx-year-to") { Description = "Diagnosis year to (inclusive)." };
        var sites = new Option<string[]>("--site") { Description = "SEER site recode 2023 codes or group names.", AllowMultipleArgumentsPerToken = true };
        var facilities = new Option<string[]>("--facility") { Description = "Reporting Facility numbers.", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string?>("--state") { Description = "State at diagnosis (two letters)." };
        var counties = new Option<string[]>("--county") { Description = "County at diagnosis (FIPS, 3 digits).", AllowMultipleArgumentsPerToken = true };
        var statuses = new Option<string[]>("--status") { Description = "Case status: open, incomplete, failing_edits, completed.", AllowMultipleArgumentsPerToken = true };
        var since = new Option<string?>("--changed-since") { Description = "Cases changed at or after this date/time (ISO 8601)." };
        // The registry's root items; the service reads the same settings (Exchange:RegistryId...) from its configuration.
        var registryId = new Option<string?>("--registry-id")
            { Description = "Registry ID [40] written at the root (default: $Exchange__RegistryId).", DefaultValueFactory = _ => Setting("RegistryId") };
        var registryType = new Option<string?>("--registry-type")
            { Description = "Registry Type [30]: 1 population-based, 2 hospital, 3 other (default: $Exchange__RegistryType).", DefaultValueFactory = _ => Setting("RegistryType") };
        var npi = new Option<string?>("--npi-registry-id")
            { Description = "NPI--Registry ID [45] (default: $Exchange__NpiRegistryId).", DefaultValueFactory = _ => Setting("NpiRegistryId") };
        var noUserItems = new Option<bool>("--no-user-items") { Description = "Leave out the items of the registry's user dictionaries." };
        var command = new Command("export", "Export the registry or a cohort as NAACCR XML, CSV or a de-identified extract.")
            { output, version, recordType, csv, deidentified, gzip, yearFrom, yearTo, sites, facilities, state, counties, statuses, since,
              registryId, registryType, npi, noUserItems };
        command.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? changed = null;
            if (parse.GetValue(since) is { Length: > 0 } s)
            {
                if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
                {
                    Console.Error.WriteLine("--changed-since: not a date or date/time.");
                    return 2;
                }
                changed = d;
            }
            var cohort = new NaaccrCohort
            {
                DiagnosisYearFrom = parse.GetValue(yearFrom), DiagnosisYearTo = parse.GetValue(yearTo), SiteGroups = parse.GetValue(sites) ?? [],
                Facilities = parse.GetValue(facilities) ?? [], State = parse.GetValue(state), Counties = parse.GetValue(counties) ?? [],
                Statuses = parse.GetValue(statuses) ?? [], ChangedSince = changed,
            };
            var file = parse.GetValue(output)!;
            var items = parse.GetValue(csv) ?? [];
            var request = new NaaccrExportRequest(cohort)
            {
                Version = parse.GetValue(version)!, RecordType = parse.GetValue(recordType)!, Deidentified = parse.GetValue(deidentified),
                Format = items.Length > 0 ? NaaccrExportFormat.Csv : NaaccrExportFormat.Xml, CsvItems = items,
                Gzip = parse.GetValue(gzip) || file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase),
                UserItems = !parse.GetValue(noUserItems),
            };
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            await using var data = NpgsqlDataSource.Create(db.ConnectionString);
            var registry = new NaaccrRegistryIdentity(parse.GetValue(registryId), parse.GetValue(registryType), parse.GetValue(npi));
            var exporter = new NaaccrExporter(data, NaaccrStandards.Default, registry);
            if (await exporter.ValidateAsync(request, ct) is { Count: > 0 } errors)
            {
                foreach (var (key, messages) in errors) Console.Error.WriteLine($"{key}: {string.Join(" ", messages)}");
                return 2;
            }
            var part = file.FullName + ".part";
            NaaccrExportResult result;
            await using (var stream = File.Create(part)) result = await exporter.ExportAsync(request, stream, ct);
            File.Move(part, file.FullName, overwrite: true);
            Console.WriteLine($"Exported {result.Patients} patients and {result.Tumors} tumors to {file.Name}" +
                (result.ItemsLeftOut > 0 ? $" ({result.ItemsLeftOut} item values left out by the record type, version or de-identification)." : "."));
            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable("Exchange__" + name);
}
