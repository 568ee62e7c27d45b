using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace TumorRegistry.Infrastructure.Security;

public sealed record RegistryAccount(string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Facilities, DateTimeOffset? LockedUntil,
    bool Disabled);

/// <summary>What a sign-in attempt came to. Unknown users and wrong passwords look the same to the caller.</summary>
public abstract record SignInResult
{
    public sealed record Success(RegistryAccount Account) : SignInResult;
    public sealed record Failed : SignInResult;
    public sealed record LockedOut(DateTimeOffset Until) : SignInResult;
}

/// <summary>
/// Local accounts: PasswordHasher (PBKDF2) hashes, a lock-out after <see cref="MaxFailures"/> wrong passwords in a row
/// for <see cref="LockOut"/>. There is no default account: the first admin is made with `tumorregistry users add`.
/// </summary>
public sealed class AccountStore(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);
    public const int MinPasswordLength = 12;
    private static readonly PasswordHasher<string> Hasher = new();

    public async Task AddAsync(string userName, string password, IReadOnlyList<string> roles, IReadOnlyList<string> facilities, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 100 || userName.Any(char.IsControl))
            throw new ArgumentException("A user name is 1 to 100 characters, without control characters.");
        if (password.Length < MinPasswordLength) throw new ArgumentException($"A password has at least {MinPasswordLength} characters.");
        await using var cmd = db.CreateCommand("""
            insert into registry_users (user_name, password_hash, roles, facilities) values ($1, $2, $3, $4)
            on conflict (user_name) do update set password_hash = $2, roles = $3, facilities = $4, failed_attempts = 0, locked_until = null
            """);
        cmd.Parameters.AddWithValue(userName);
        cmd.Parameters.AddWithValue(Hasher.HashPassword(userName, password));
        cmd.Parameters.AddWithValue(roles.ToArray());
        cmd.Parameters.AddWithValue(facilities.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var read = new NpgsqlCommand(
            "select password_hash, roles, facilities, failed_attempts, locked_until, disabled from registry_users where user_name = $1 for update", conn, tx);
        read.Parameters.AddWithValue(userName);
        string hash; string[] roles, facilities; int failures; DateTimeOffset? lockedUntil; bool disabled;
        await using (var r = await read.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct))
            {
                Hasher.HashPassword(userName, password); // same work as a real check, so timing does not tell who exists
                return new SignInResult.Failed();
            }
            (hash, roles, facilities, failures) = (r.GetString(0), r.GetFieldValue<string[]>(1), r.GetFieldValue<string[]>(2), r.GetInt32(3));
            lockedUntil = r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4);
            disabled = r.GetBoolean(5);
        }
        if (lockedUntil > now) return new SignInResult.LockedOut(lockedUntil.Value);
        var verified = Hasher.VerifyHashedPassword(userName, hash, password) != PasswordVerificationResult.Failed;
        failures = verified ? 0 : failures + 1;
        DateTimeOffset? lockUntil = failures >= MaxFailures ? now + LockOut : null;
        await using (var update = new NpgsqlCommand("update registry_users set failed_attempts = $2, locked_until = $3 where user_name = $1", conn, tx))
        {
            update.Parameters.AddWithValue(userName);
            update.Parameters.AddWithValue(lockUntil is null ? failures : 0);
            update.Parameters.AddWithValue((object?)lockUntil ?? DBNull.Value);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        if (lockUntil is { } until) return new SignInResult.LockedOut(until);
        return verified && !disabled ? new SignInResult.Success(new RegistryAccount(userName, roles, facilities, null, disabled)) : new SignInResult.Failed();
    }

    public async Task<IReadOnlyList<RegistryAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("select user_name, roles, facilities, locked_until, disabled from registry_users order by user_name");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegistryAccount>();
        while (await r.ReadAsync(ct))
            list.Add(new RegistryAccount(r.GetString(0), r.GetFieldValue<string[]>(1), r.GetFieldValue<string[]>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.GetBoolean(4)));
        return list;
    }
}
