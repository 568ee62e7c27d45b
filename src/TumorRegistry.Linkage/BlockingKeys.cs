namespace TumorRegistry.Linkage;

/// <summary>
/// OR blocking: two records are compared when they share a value of any key. Each key may give a record up to
/// <see cref="Slots"/> values (the family-name key gives one for the current name and one for the birth surname).
/// Values are 64-bit FNV-1a hashes, stable across processes so they can be stored; 0 means no value.
/// </summary>
public static class BlockingKeys
{
    public const int Count = 5, Slots = 2;

    public static readonly string[] Names =
    [
        "SSN",
        "date of birth (day and month in either order)",
        "Soundex(family name or birth surname) + birth year",
        "NYSIIS(given name) + family-name initial + ZIP3",
        "given name + family name",
    ];

    /// <summary>Writes the key values of a record into <paramref name="keys"/> (Count × Slots).</summary>
    public static void Compute(in PreparedPerson p, Span<ulong> keys)
    {
        keys.Clear();
        if (p.Ssn.Length == 9) keys[0] = Hash(1, p.Ssn);
        var y = p.BirthDate / 10000;
        int m = p.BirthDate / 100 % 100, d = p.BirthDate % 100;
        if (y > 0 && m > 0 && d > 0) keys[2] = Mix(2, (ulong)(y * 10000 + Math.Min(m, d) * 100 + Math.Max(m, d)));
        if (y > 0 && p.SoundexLast != 0) keys[4] = Mix(3, (ulong)(p.SoundexLast * 10000L + y));
        if (y > 0 && p.SoundexBirth != 0 && p.SoundexBirth != p.SoundexLast) keys[5] = Mix(3, (ulong)(p.SoundexBirth * 10000L + y));
        if (p.NysiisFirst.Length > 0 && p.Last.Length > 0 && p.Zip.Length == 5)
            keys[6] = Hash(4, string.Concat(p.NysiisFirst, p.Last.AsSpan(0, 1), p.Zip.AsSpan(0, 3)));
        if (p.First.Length > 0 && p.Last.Length > 0) keys[8] = Hash(5, string.Concat(p.First, "|", p.Last));
    }

    public static ulong[] Compute(in PreparedPerson p)
    {
        var keys = new ulong[Count * Slots];
        Compute(p, keys);
        return keys;
    }

    private static ulong Hash(int key, string value)
    {
        var h = 14695981039346656037UL ^ (ulong)key;
        foreach (var c in value) { h ^= c; h *= 1099511628211UL; }
        return h == 0 ? 1 : h;
    }

    private static ulong Mix(int key, ulong value)
    {
        var h = (value + (ulong)key * 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        h ^= h >> 31;
        return h == 0 ? 1 : h;
    }
}
