using System.CommandLine;
using Npgsql;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Cli.Survival;

/// <summary>
/// `import-life-table --name us-2020 --csv us-2020.csv`: stores a population life table (age,year,sex[,race],qx) for
/// relative survival. `--synthetic-demo` stores the clearly labelled synthetic table instead (demos only).
/// </summary>
public static class ImportLifeTableCommand
{
    public static void AddTo(RootCommand root)
    {
        var name = new Option<string?>("--name") { Description = "Name reports pick the table by." };
        var csv = new Option<FileInfo?>("--csv") { Description = "CSV with columns age,year,sex[,race],qx." };
        var description = new Option<string?>("--description") { Description = "Where the table comes from." };
        var replace = new Option<bool>("--replace") { Description = "Overwrite a table of the same name." };
        var synthetic = new Option<bool>("--synthetic-demo") { Description = "Store a SYNTHETIC Gompertz table (not real mortality) for demos." };
        var command = new Command("import-life-table", "Import a population life table for relative survival.")
        {
            name, csv, description, replace, synthetic,
        };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(csv);
            var isSynthetic = parse.GetValue(synthetic);
            if (file is null == !isSynthetic)
            {
                Console.Error.WriteLine("--csv: give a CSV file, or --synthetic-demo for the synthetic demo table (not both).");
                return 2;
            }
            if (file is { Exists: false })
            {
                Console.Error.WriteLine($"--csv: no such file: {file.FullName}");
                return 2;
            }
            var tableName = parse.GetValue(name) ?? (isSynthetic ? SyntheticLifeTable.DefaultName : null);
            if (tableName is null)
            {
                Console.Error.WriteLine("--name: give the table a name.");
                return 2;
            }
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            await using var dataSource = NpgsqlDataSource.Create(db.ConnectionString);
            using TextReader reader = isSynthetic ? new StringReader(SyntheticLifeTable.Csv()) : file!.OpenText();
            try
            {
                var stored = await new LifeTableStore(dataSource).ImportAsync(tableName,
                    parse.GetValue(description) ?? (isSynthetic ? SyntheticLifeTable.Description : null), reader,
                    parse.GetValue(replace), Environment.UserName, ct);
                Console.WriteLine($"Imported life table '{stored.Name}': {stored.Rows} rows, ages {stored.MinAge}-{stored.MaxAge}, " +
                    $"years {stored.Years[0]}-{stored.Years[^1]}, sexes {string.Join(",", stored.Sexes)}{(stored.ByRace ? ", by race" : "")}.");
                return 0;
            }
            catch (LifeTableImportException e)
            {
                Console.Error.WriteLine($"--{(e.Field == "csv" ? "csv" : "name")}: {e.Message}");
                return 2;
            }
            catch (LifeTableExistsException e)
            {
                Console.Error.WriteLine($"--name: {e.Message}");
                return 2;
            }
        });
        root.Subcommands.Add(command);
    }
}
