using System.CommandLine;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Cli.Database;

/// <summary>`migrate`: applies pending schema migrations to TUMORREGISTRY_DB (or the private cluster).</summary>
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
    }
}
