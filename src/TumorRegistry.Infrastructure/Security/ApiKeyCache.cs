using System.Collections.Concurrent;

namespace TumorRegistry.Infrastructure.Security;

/// <summary>
/// Validated API keys held for a minute, so a machine client's every request does not cost a database round trip.
/// Only while a revocation listener (ApiKeyRevocations) is connected: a revocation from any process is a NOTIFY that
/// drops the key here at once; without the listener nothing is cached. A lookup that raced a revocation is not
/// cached (the generation moved on while it ran).
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<Guid, (byte[] Hash, ApiKeyInfo Info, DateTimeOffset Until)> _keys = new();
    private long _generation;
    private volatile bool _listening;

    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(Guid id, DateTimeOffset now, out byte[] hash, out ApiKeyInfo info)
    {
        if (_listening && _keys.TryGetValue(id, out var entry) && entry.Until > now)
        {
            (hash, info) = (entry.Hash, entry.Info);
            return true;
        }
        (hash, info) = (null!, null!);
        return false;
    }

    public void Add(Guid id, byte[] hash, ApiKeyInfo info, DateTimeOffset now, long generationBefore)
    {
        if (!_listening || Generation != generationBefore) return;
        if (_keys.Count >= MaxKeys) _keys.Clear();
        var until = now + Lifetime < info.ExpiresAt ? now + Lifetime : info.ExpiresAt;
        _keys[id] = (hash, info, until);
        if (Generation != generationBefore) _keys.TryRemove(id, out _); // a revocation arrived meanwhile
    }

    public void Revoked(Guid? id)
    {
        Interlocked.Increment(ref _generation);
        if (id is { } one) _keys.TryRemove(one, out _);
        else _keys.Clear();
    }

    /// <summary>The listener is connected (true) or lost (false: everything cached is dropped).</summary>
    public void Listening(bool on)
    {
        Interlocked.Increment(ref _generation);
        _listening = on;
        if (!on) _keys.Clear();
    }
}
