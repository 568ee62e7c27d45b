using System.CommandLine;
using Npgsql;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Synthetic;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Cli.Synthetic;

/// <summary>`generate`: a synthetic registry (docs/synthetic.md) loaded into TUMORREGISTRY_DB or the private cluster.</summary>
public static class GenerateCommand
{
    public static void AddTo(RootCommand root)
    {
        var tumors = new Option<int>("--tumors") { Description = "Primary tumors to generate (duplicate reports come on top).", DefaultValueFactory = _ => 50_000 };
        var seed = new Option<int>("--seed") { Description = "Same seed, same registry.", DefaultValueFactory = _ => 2026 };
        var from = new Option<int>("--from") { Description = "First diagnosis year.", DefaultValueFactory = _ => 2005 };
        var to = new Option<int>("--to") { Description = "Last diagnosis year.", DefaultValueFactory = _ => 2024 };
        var xml = new Option<FileInfo?>("--xml") { Description = "Write a NAACCR XML v25 file instead of loading the registry." };
        var command = new Command("generate", "Generate a synthetic registry (made-up people) and load it: events, read models, denominators.")
            { tumors, seed, from, to, xml };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SyntheticOptions { Tumors = parse.GetValue(tumors), Seed = parse.GetValue(seed), FirstYear = parse.GetValue(from), LastYear = parse.GetValue(to) };
            if (options.Tumors < 1 || options.FirstYear > options.LastYear)
            {
                Console.Error.WriteLine("--tumors must be at least 1 and --from not after --to.");
                return 2;
            }
            if (parse.GetValue(xml) is { } file)
            {
                await using var output = file.Create();
                var written = SyntheticNaaccrXml.Write(output, SyntheticRegistry.Generate(options));
                Console.WriteLine($"Wrote {written:N0} tumors to {file.FullName} (NAACCR XML v25, record type A).");
                return 0;
            }
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            var projections = CaseProjections.Create();
            await using var store = RegistryStore.Create(db.ConnectionString, projections: projections);
            await using var data = NpgsqlDataSource.Create(db.ConnectionString);
            var loader = new SyntheticLoader(new RegistryEvents(store), new ProjectionRebuilder(store, projections));
            var (reports, events) = await loader.LoadAsync(options, Console.Out, ct);
            await SyntheticLoader.ImportDenominatorsAsync(new PopulationStore(data), options, "synthetic.loader", ct);
            Console.WriteLine($"Loaded {reports:N0} reports ({events:N0} events) and the population of {options.FirstYear}-{options.LastYear}.");
            return 0;
        });
        root.Subcommands.Add(command);
    }
}
