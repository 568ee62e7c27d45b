using System.CommandLine;
using Npgsql;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Cli.Exchange;

/// <summary>`import-naaccr --file abstracts.xml`: loads a NAACCR XML file; all or nothing, refusals listed.</summary>
public static class ImportNaaccrCommand
{
    public static void AddTo(RootCommand root)
    {
        var file = new Option<FileInfo>("--file") { Description = "NAACCR XML data file (specification 1.8).", Required = true };
        var user = new Option<string>("--user") { Description = "Who is importing (recorded on every event).", DefaultValueFactory = _ => Environment.UserName };
        var source = new Option<string?>("--source") { Description = "Label recorded as the import's source (default: the file name)." };
        var command = new Command("import-naaccr", "Import a NAACCR XML file as new patients and cases.") { file, user, source };
        command.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"No such file: {f.FullName}");
                return 2;
            }
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            await using var store = RegistryStore.Create(db.ConnectionString);
            var label = parse.GetValue(source) ?? f.Name;
            await using var stream = f.OpenRead();
            var result = await new NaaccrXmlImporter(new RegistryEvents(store)).ImportAsync(stream, label, new EventMetadata(parse.GetValue(user)!, $"Imported from {label}"), ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{f.Name}: not imported, nothing stored. {result.Errors.Count} problem(s):");
                foreach (var e in result.Errors) Console.Error.WriteLine("  " + e);
                return 2;
            }
            Console.WriteLine($"Imported {result.Patients} patients and {result.Tumors} tumors from {f.Name}.");
            return 0;
        });
        root.Subcommands.Add(command);
    }
}
