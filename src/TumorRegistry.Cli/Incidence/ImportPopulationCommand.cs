using System.CommandLine;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Incidence;

namespace TumorRegistry.Cli.Incidence;

/// <summary>
/// `import-population --file f --format seer`: stores a population file for incidence denominators. Exit 2 with every
/// error (line, field, message) on standard error when the file has any; nothing is stored then.
/// </summary>
public static class ImportPopulationCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Description = "SEER county population file or population CSV.", Required = true };
        var format = new Option<string>("--format") { Description = "seer or csv.", DefaultValueFactory = _ => PopulationFormats.Seer };
        format.AcceptOnlyFromAmong([.. PopulationFormats.All]);
        var name = new Option<string?>("--name") { Description = "Name shown in listings (default: the file name)." };
        var state = new Option<string?>("--state") { Description = "Postal code of the state a CSV population covers (a SEER file names it)." };
        var singleAges = new Option<bool>("--single-ages") { Description = "The SEER file's age field holds single years, not the 19 groups." };
        var command = new Command("import-population", "Import a population file (all or nothing) for incidence rates.")
        {
            file, format, name, state, singleAges,
        };
        command.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"No such file: {f.FullName}");
                return 2;
            }
            var (db, dataSource) = await IncidenceCommands.OpenAsync(ct);
            await using (db)
            await using (dataSource)
            {
                using var reader = f.OpenText();
                var upload = new PopulationUpload(parse.GetValue(name) ?? f.Name, parse.GetValue(format)!, reader, Environment.UserName,
                    parse.GetValue(singleAges) ? SeerAgeCoding.SingleAges : SeerAgeCoding.NineteenGroups, parse.GetValue(state)?.Trim().ToUpperInvariant());
                var result = await new PopulationStore(dataSource).ImportAsync(upload, ct);
                if (result.Stored is not { } p)
                {
                    foreach (var e in result.Errors) Console.Error.WriteLine($"{f.Name}: {e}");
                    Console.Error.WriteLine($"{result.Errors.Count} error(s); nothing was stored.");
                    return 2;
                }
                Console.WriteLine($"Imported population {p.Id} '{p.Name}': {p.CellCount} cells, {string.Join(", ", p.States)}, {p.FirstYear}-{p.LastYear}.");
                return 0;
            }
        });
        return command;
    }
}
