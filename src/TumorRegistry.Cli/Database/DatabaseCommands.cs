using System.CommandLine;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Cli.Database;

/// <summary>`migrate` and `rebuild-projection`: schema and read models of TUMORREGISTRY_DB (or the private cluster).</summary>
public static class DatabaseCommands
{
    public static void AddTo(RootCommand root)
    {
        var migrate = new Command("migrate", "Apply pending schema migrations (safe to run from several processes at once).");
        migrate.SetAction(async (_, ct) =>
        {
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            var applied = await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            Console.WriteLine(applied.Count == 0
                ? "Schema is up to date."
                : $"Applied migrations: {string.Join(", ", applied)}");
            return 0;
        });
        root.Subcommands.Add(migrate);

        var name = new Argument<string?>("name") { Description = "Projection to rebuild (omit with --all).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Rebuild every projection." };
        var rebuild = new Command("rebuild-projection", "Rebuild a read model from the first event (e.g. case_summary, patients).") { name, all };
        rebuild.SetAction(async (parse, ct) =>
        {
            await using var db = await RegistryDatabase.OpenAsync(ct: ct);
            await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
            var projections = CaseProjections.Create();
            await using var store = RegistryStore.Create(db.ConnectionString, projections: projections);
            var daemon = new ProjectionRebuilder(store, projections);
            var names = parse.GetValue(all) ? daemon.All.Select(p => p.Name).ToList()
                : parse.GetValue(name) is { } n ? [n] : [];
            if (names.Count == 0)
            {
                Console.Error.WriteLine($"Name a projection or use --all. Known: {string.Join(", ", daemon.All.Select(p => p.Name))}");
                return 2;
            }
            foreach (var projection in names)
            {
                try
                {
                    await daemon.RebuildAsync(projection, ct);
                    Console.WriteLine($"Rebuilt {projection}.");
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 2;
                }
            }
            return 0;
        });
        root.Subcommands.Add(rebuild);
    }
}
