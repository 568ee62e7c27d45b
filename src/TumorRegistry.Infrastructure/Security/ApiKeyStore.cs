using System.Security.Cryptography;
using Npgsql;

namespace TumorRegistry.Infrastructure.Security;

public sealed record ApiKeyInfo(Guid Id, string Owner, string? Description, IReadOnlyList<string> Roles, IReadOnlyList<string> Facilities,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt);

/// <summary>A new key: the secret is in <see cref="Key"/> only, shown once; the store keeps its SHA-256.</summary>
public sealed record NewApiKey(ApiKeyInfo Info, string Key);

/// <summary>
/// API keys for machine clients: "trk_{id}_{secret}", 32 random bytes of secret. A SHA-256 of a random 256-bit secret
/// cannot be reversed or guessed, so no slow hash is needed; the id finds the row, the hash is compared in constant time.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db, TimeProvider clock, ApiKeyCache? cache = null)
{
    private const string Prefix = "trk_";
    /// <summary>The channel a revocation is announced on (ApiKeyRevocations listens), its payload the key id.</summary>
    public const string RevokedChannel = "tr_api_key_revoked";

    public async Task<NewApiKey> CreateAsync(string owner, IReadOnlyList<string> roles, IReadOnlyList<string> facilities, TimeSpan lifetime,
        string? description = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(owner) || owner.Length > 100 || owner.Any(char.IsControl))
            throw new ArgumentException("An owner is 1 to 100 characters, without control characters.");
        var id = Guid.NewGuid();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            insert into api_keys (id, secret_hash, owner, description, roles, facilities, expires_at, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(Hash(secret));
        cmd.Parameters.AddWithValue(owner);
        cmd.Parameters.AddWithValue((object?)description ?? DBNull.Value);
        cmd.Parameters.AddWithValue(roles.ToArray());
        cmd.Parameters.AddWithValue(facilities.ToArray());
        cmd.Parameters.AddWithValue(now + lifetime);
        cmd.Parameters.AddWithValue(now);
        await cmd.ExecuteNonQueryAsync(ct);
        return new NewApiKey(new ApiKeyInfo(id, owner, description, roles, facilities, now + lifetime, null, now), $"{Prefix}{id:N}_{secret}");
    }

    /// <summary>The key's row when the key is genuine, not revoked and not expired; null otherwise.</summary>
    public async Task<ApiKeyInfo?> ValidateAsync(string key, CancellationToken ct = default)
    {
        var parts = key.Split('_');
        if (parts.Length != 3 || parts[0] + "_" != Prefix || !Guid.TryParseExact(parts[1], "N", out var id) || parts[2].Length != 64)
            return null;
        var now = clock.GetUtcNow();
        var presented = Hash(parts[2]);
        if (cache is not null && cache.TryGet(id, now, out var known, out var held))
            return CryptographicOperations.FixedTimeEquals(known, presented) && held.ExpiresAt > now ? held : null;
        var generation = cache?.Generation ?? 0;
        await using var cmd = db.CreateCommand($"select secret_hash, {Columns} from api_keys where id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var stored = r.GetFieldValue<byte[]>(0);
        if (!CryptographicOperations.FixedTimeEquals(stored, presented)) return null;
        var info = Read(r, 1);
        if (info.RevokedAt is not null || info.ExpiresAt <= now) return null;
        cache?.Add(id, stored, info, now, generation);
        return info;
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        // The NOTIFY goes out when the update commits: every service process drops the key from its cache at once.
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("update api_keys set revoked_at = $2 where id = $1 and revoked_at is null", conn, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        var done = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await using var notify = new NpgsqlCommand("select pg_notify($1, $2)", conn, tx);
        notify.Parameters.AddWithValue(RevokedChannel);
        notify.Parameters.AddWithValue(id.ToString("D"));
        await notify.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        cache?.Revoked(id);
        return done;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from api_keys order by created_at, id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ApiKeyInfo>();
        while (await r.ReadAsync(ct)) list.Add(Read(r, 0));
        return list;
    }

    private const string Columns = "id, owner, description, roles, facilities, expires_at, revoked_at, created_at";

    private static ApiKeyInfo Read(NpgsqlDataReader r, int o) => new(r.GetGuid(o), r.GetString(o + 1), r.IsDBNull(o + 2) ? null : r.GetString(o + 2),
        r.GetFieldValue<string[]>(o + 3), r.GetFieldValue<string[]>(o + 4), r.GetFieldValue<DateTimeOffset>(o + 5),
        r.IsDBNull(o + 6) ? null : r.GetFieldValue<DateTimeOffset>(o + 6), r.GetFieldValue<DateTimeOffset>(o + 7));

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
}
