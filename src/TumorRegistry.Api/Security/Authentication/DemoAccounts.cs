using System.Security.Cryptography;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security.Authentication;

/// <summary>
/// `--demo` only: one local account per role, each start with a fresh random password printed once to the console
/// (never a fixed default), so the demo can be tried with curl or a browser.
/// </summary>
public sealed class DemoAccounts(AccountStore accounts)
{
    public static readonly (string User, string Role)[] Accounts =
    [
        ("demo.registrar", RegistryRoles.Registrar), ("demo.manager", RegistryRoles.Manager),
        ("demo.epidemiologist", RegistryRoles.Epidemiologist), ("demo.admin", RegistryRoles.Admin),
    ];

    public async Task<IReadOnlyList<(string User, string Role, string Password)>> ResetAsync(CancellationToken ct = default)
    {
        var created = new List<(string, string, string)>();
        foreach (var (user, role) in Accounts)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
            await accounts.AddAsync(user, password, [role], [RegistryRoles.AllFacilities], ct);
            created.Add((user, role, password));
        }
        return created;
    }

    /// <summary>Writes the accounts to the console (not the log: log files outlive the demo).</summary>
    public async Task PrintAsync(TextWriter console, CancellationToken ct = default)
    {
        console.WriteLine("Demo accounts (passwords are new at every --demo start; sign in with POST /auth/login):");
        foreach (var (user, role, password) in await ResetAsync(ct))
            console.WriteLine($"  {role,-15} {user,-20} {password}");
    }
}
