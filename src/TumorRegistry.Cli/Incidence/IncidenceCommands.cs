using System.CommandLine;
using Npgsql;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Cli.Incidence;

/// <summary>`import-population` and `incidence`: populations into the registry database, incidence tables out of it.</summary>
public static class IncidenceCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(ImportPopulationCommand.Create());
        root.Subcommands.Add(IncidenceCommand.Create());
    }

    /// <summary>TUMORREGISTRY_DB (or the private cluster), migrated, as a data source for the stores.</summary>
    internal static async Task<(RegistryDatabase Database, NpgsqlDataSource DataSource)> OpenAsync(CancellationToken ct)
    {
        var db = await RegistryDatabase.OpenAsync(ct: ct);
        await SchemaMigrator.MigrateAsync(db.ConnectionString, ct);
        return (db, NpgsqlDataSource.Create(db.ConnectionString));
    }
}
