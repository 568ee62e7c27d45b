using System.CommandLine;
using System.Security.Cryptography;
using Npgsql;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Cli.Security;

/// <summary>
/// `users add` (how the first admin is made: there is no default account), `keys add|list|revoke`, and the PHI audit's
/// two questions: `audit patient ID` (who has seen this patient) and `audit user NAME` (what has this user opened).
/// </summary>
public static class SecurityCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Users());
        root.Subcommands.Add(Keys());
        root.Subcommands.Add(Audit());
    }

    private static Option<string[]> Roles() => new("--role") { Description = $"Role(s): {string.Join(", ", RegistryRoles.All)}.", Required = true,
        AllowMultipleArgumentsPerToken = true };

    private static Option<string[]> Facilities() => new("--facility") { Description = "Facility number(s) held; * for every facility (central registry).",
        AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [RegistryRoles.AllFacilities] };

    private static Command Users()
    {
        var name = new Option<string>("--name") { Description = "User name.", Required = true };
        var roles = Roles();
        var facilities = Facilities();
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (one line)." };
        var add = new Command("add", "Create a local account (or reset its password, roles and facilities). Without --password-stdin " +
            "a random password is generated and printed once; there is never a default password.") { name, roles, facilities, fromStdin };
        add.SetAction(async (parse, ct) => await WithDatabase(async db =>
        {
            var typed = parse.GetValue(fromStdin);
            var password = typed ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "" : Generated();
            await new AccountStore(db, TimeProvider.System).AddAsync(parse.GetValue(name)!, password, RegistryRoles.Parse(parse.GetValue(roles)!),
                RegistryRoles.ParseFacilities(parse.GetValue(facilities)!), ct);
            Console.WriteLine($"User {parse.GetValue(name)} saved.");
            if (!typed) Console.WriteLine($"Password (shown once): {password}");
        }, ct));
        var list = new Command("list", "List local accounts.");
        list.SetAction(async (_, ct) => await WithDatabase(async db =>
        {
            foreach (var u in await new AccountStore(db, TimeProvider.System).ListAsync(ct))
                Console.WriteLine($"{u.UserName}\t{string.Join(",", u.Roles)}\t{string.Join(",", u.Facilities)}{(u.LockedUntil is { } l ? $"\tlocked until {l:u}" : "")}");
        }, ct));
        return new Command("users", "Local accounts.") { add, list };
    }

    private static Command Keys()
    {
        var owner = new Option<string>("--owner") { Description = "Who or what uses the key (the principal's name).", Required = true };
        var roles = Roles();
        var facilities = Facilities();
        var days = new Option<int>("--days") { Description = "Days until the key expires.", DefaultValueFactory = _ => 90 };
        var add = new Command("add", "Create an API key; it is printed once and stored only as a hash.") { owner, roles, facilities, days };
        add.SetAction(async (parse, ct) => await WithDatabase(async db =>
        {
            var key = await new ApiKeyStore(db, TimeProvider.System).CreateAsync(parse.GetValue(owner)!, RegistryRoles.Parse(parse.GetValue(roles)!),
                RegistryRoles.ParseFacilities(parse.GetValue(facilities)!), TimeSpan.FromDays(parse.GetValue(days)), ct: ct);
            Console.WriteLine($"Key {key.Info.Id} for {key.Info.Owner}, expires {key.Info.ExpiresAt:u}. Send it as X-Api-Key (shown once):");
            Console.WriteLine(key.Key);
        }, ct));
        var list = new Command("list", "List API keys (never their secrets).");
        list.SetAction(async (_, ct) => await WithDatabase(async db =>
        {
            foreach (var k in await new ApiKeyStore(db, TimeProvider.System).ListAsync(ct))
                Console.WriteLine($"{k.Id}\t{k.Owner}\t{string.Join(",", k.Roles)}\t{string.Join(",", k.Facilities)}\texpires {k.ExpiresAt:u}{(k.RevokedAt is { } r ? $"\trevoked {r:u}" : "")}");
        }, ct));
        var id = new Argument<Guid>("id") { Description = "The key's id." };
        var revoke = new Command("revoke", "Revoke an API key at once.") { id };
        revoke.SetAction(async (parse, ct) => await WithDatabase(async db =>
        {
            var revoked = await new ApiKeyStore(db, TimeProvider.System).RevokeAsync(parse.GetValue(id), ct);
            Console.WriteLine(revoked ? "Revoked." : "No active key with that id.");
            if (!revoked) Environment.ExitCode = 1;
        }, ct));
        return new Command("keys", "API keys for machine clients.") { add, list, revoke };
    }

    private static Command Audit()
    {
        var patient = new Argument<Guid>("patientId");
        var byPatient = new Command("patient", "Who has seen or changed this patient (or one of the patient's cases), newest first.") { patient };
        byPatient.SetAction(async (parse, ct) => await WithDatabase(async db =>
            Print(await new AuditStore(db).ForPatientAsync(parse.GetValue(patient), ct: ct)), ct));
        var user = new Argument<string>("userName");
        var byUser = new Command("user", "What this user has opened or changed, newest first.") { user };
        byUser.SetAction(async (parse, ct) => await WithDatabase(async db =>
            Print(await new AuditStore(db).ForUserAsync(parse.GetValue(user)!, ct: ct)), ct));
        return new Command("audit", "The PHI audit (append-only).") { byPatient, byUser };
    }

    private static void Print(IReadOnlyList<AuditEntry> entries)
    {
        foreach (var e in entries)
            Console.WriteLine($"{e.At:u}\t{e.User}\t{e.Action}\tpatient {e.PatientId?.ToString() ?? "-"}\tcase {e.CaseId?.ToString() ?? "-"}\t{e.Outcome}\t{e.RemoteAddress}");
        Console.WriteLine($"{entries.Count} row(s).");
    }

    private static string Generated() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

    private static async Task<int> WithDatabase(Func<NpgsqlDataSource, Task> action, CancellationToken ct)
    {
        await using var database = await RegistryDatabase.OpenAsync(ct: ct);
        await SchemaMigrator.MigrateAsync(database.ConnectionString, ct);
        await using var db = NpgsqlDataSource.Create(database.ConnectionString);
        try
        {
            await action(db);
            return Environment.ExitCode;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
