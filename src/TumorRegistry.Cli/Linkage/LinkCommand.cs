using System.CommandLine;
using TumorRegistry.Cli.Incidence;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Linkage;

namespace TumorRegistry.Cli.Linkage;

/// <summary>`link --dedup`: the whole-registry duplicate search (as the Hangfire job linkage-dedup does). Prints counts only.</summary>
public static class LinkCommand
{
    public static void AddTo(RootCommand root)
    {
        var dedup = new Option<bool>("--dedup") { Description = "Every patient against every other: links, the review band and a new weight estimate." };
        var command = new Command("link", "Patient linkage (docs/linkage.md).") { dedup };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(dedup))
            {
                Console.Error.WriteLine("--dedup: say what to run (link --dedup).");
                return 2;
            }
            var (db, dataSource) = await IncidenceCommands.OpenAsync(ct);
            await using var _ = db;
            await using var __ = dataSource;
            await using var marten = RegistryStore.Create(db.ConnectionString);
            var run = await new PatientLinkage(dataSource, new RegistryEvents(marten)).RunDedupAsync(ct);
            Console.WriteLine($"{run.Patients:N0} patients, {run.PairsCompared:N0} pairs compared: {run.Links:N0} links, {run.Review:N0} to review " +
                              $"(link at weight >= {run.Upper:F1}, non-link below {run.Lower:F1}; EM converged: {run.Converged}).");
            return 0;
        });
        root.Subcommands.Add(command);
    }
}
