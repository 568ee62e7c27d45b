using System.CommandLine;
using Spectre.Console;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Cli.Exchange;

/// <summary>
/// `import FILE` (and the older `import-naaccr --file FILE`): loads a NAACCR XML file as an import batch, matching
/// patients and tumors already in the registry; a progress bar on a terminal, then the batch report.
/// Exit code 0: every record imported; 3: some records refused (listed); 2: the file refused or not found.
/// </summary>
public static class ImportNaaccrCommand
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Build("import", new Argument<FileInfo>("file") { Description = "NAACCR XML data file (specification 1.0-1.8)." }));
        root.Subcommands.Add(Build("import-naaccr", new Option<FileInfo>("--file") { Description = "NAACCR XML data file.", Required = true }));
    }

    private static Command Build(string name, Symbol fileSymbol)
    {
        var user = new Option<string>("--user") { Description = "Who is importing (recorded on every event).", DefaultValueFactory = _ => Environment.UserName };
        var source = new Option<string?>("--source") { Description = "Who sent the file (recorded in the correction reason; default: the file name)." };
        var relaxed = new Option<bool>("--relaxed") { Description = "Keep unknown items and over-long or mistyped values (reported as warnings)." };
        var again = new Option<bool>("--again") { Description = "Apply a file whose same bytes were imported before (only changed values are written)." };
        var dictionaries = new Option<FileInfo[]>("--user-dictionary")
        {
            Description = "User-defined NAACCR dictionary file(s) the data file names (besides those the registry keeps; a file's wins for the same URI).",
            AllowMultipleArgumentsPerToken = true,
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Patient records per transaction.", DefaultValueFactory = _ => 500 };
        var command = new Command(name, "Import a NAACCR XML file: new patients and cases, corrections for changed values of known ones.")
            { user, source, relaxed, again, dictionaries, batchSize };
        if (fileSymbol is Argument<FileInfo> a) command.Arguments.Add(a); else command.Options.Add((Option<FileInfo>)fileSymbol);
        command.SetAction(async (parse, ct) =>
        {
            var f = fileSymbol is Argument<FileInfo> arg ? parse.GetValue(arg)! : parse.GetValue((Option<FileInfo>)fileSymbol)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"No such file: {f.FullName}");
                return 2;
            }
            var given = new List<NaaccrDictionary>();
            foreach (var d in parse.GetValue(dictionaries) ?? [])
            {
                try { given.Add(NaaccrDictionary.LoadFile(d.FullName)); }
                catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or IOException or FormatException or ArgumentException)
                {
                    // A dictionary names items, not people: its parser's message is safe to show.
                    Console.Error.WriteLine($"User dictionary {d.Name} cannot be read: {e.Message}");
                    return 2;
                }
            }
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            await using var store = RegistryStore.Create(db.ConnectionString);
            await using var data = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
            var kept = await new NaaccrUserDictionaryStore(data, TumorRegistry.Standards.NaaccrStandards.Default).LoadAllAsync(ct);
            var read = (parse.GetValue(relaxed) ? NaaccrReadOptions.Relaxed : NaaccrReadOptions.Strict) with
            {
                UserDictionaries = [.. given, .. kept.Where(k => !given.Any(g => NaaccrUserDictionaryCheck.SameUri(g.DictionaryUri, k.DictionaryUri)))],
            };
            var label = parse.GetValue(source) ?? f.Name;
            var importer = new NaaccrXmlImporter(new RegistryEvents(store));
            var request = new NaaccrImportRequest(f.Name, label, new EventMetadata(parse.GetValue(user)!))
            {
                Read = read, Again = parse.GetValue(again), BatchSize = Math.Max(1, parse.GetValue(batchSize)),
            };
            var report = await RunAsync(importer, f.FullName, request, ct);
            Print(report);
            return report.FileRefused ? 2 : report.RecordsRefused > 0 ? 3 : 0;
        });
        return command;
    }

    private static async Task<NaaccrImportReport> RunAsync(NaaccrXmlImporter importer, string path, NaaccrImportRequest request, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return await importer.ImportFileAsync(path, request, ct);
        NaaccrImportReport? report = null;
        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Path.GetFileName(path), maxValue: 1);
                var progress = new Progress<NaaccrImportProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Bytes);
                    task.Value = p.BytesRead;
                    task.Description = $"{Path.GetFileName(path)}: {p.Patients:N0} patients, {p.Tumors:N0} tumors";
                });
                report = await importer.ImportFileAsync(path, request with { Progress = progress }, ct);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    private static void Print(NaaccrImportReport r)
    {
        if (r.Status == NaaccrXmlImporter.AlreadyImported)
        {
            Console.WriteLine($"{r.FileName}: the same file was imported as batch {r.SameFileAs}; nothing applied (--again applies it). Batch {r.BatchId}.");
            return;
        }
        if (r.FileRefused) Console.Error.WriteLine($"{r.FileName}: not imported. Batch {r.BatchId}.");
        else
        {
            Console.WriteLine($"Imported {r.PatientsRead} patients and {r.TumorsRead} tumors from {r.FileName} (batch {r.BatchId}).");
            Console.WriteLine($"  patients: {r.PatientsCreated} new, {r.PatientsMatched} matched; tumors: {r.TumorsCreated} new, {r.TumorsMatched} matched");
            Console.WriteLine($"  items corrected: {r.ItemsCorrected}; records refused: {r.RecordsRefused}; warnings: {r.Warnings}; cases failing edits: {r.CasesFailingEdits}");
        }
        foreach (var p in r.Problems) (p.Refuses ? Console.Error : Console.Out).WriteLine("  " + p);
    }
}
