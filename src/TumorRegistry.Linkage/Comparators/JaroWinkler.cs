namespace TumorRegistry.Linkage.Comparators;

/// <summary>
/// Jaro-Winkler similarity (Winkler 1990), written here on spans so comparing a million-patient registry allocates
/// nothing per pair (the served string-similarity packages take strings and allocate match arrays per call).
/// </summary>
public static class JaroWinkler
{
    public static double Similarity(ReadOnlySpan<char> s, ReadOnlySpan<char> t, double prefixScale = 0.1)
    {
        var jaro = Jaro(s, t);
        if (jaro == 0) return 0;
        var prefix = 0;
        var max = Math.Min(4, Math.Min(s.Length, t.Length));
        while (prefix < max && s[prefix] == t[prefix]) prefix++;
        return jaro + prefix * prefixScale * (1 - jaro);
    }

    public static double Jaro(ReadOnlySpan<char> s, ReadOnlySpan<char> t)
    {
        if (s.Length == 0 || t.Length == 0) return 0;
        if (s.SequenceEqual(t)) return 1;
        var range = Math.Max(0, Math.Max(s.Length, t.Length) / 2 - 1);
        Span<bool> sMatched = s.Length <= 64 ? stackalloc bool[s.Length] : new bool[s.Length];
        Span<bool> tMatched = t.Length <= 64 ? stackalloc bool[t.Length] : new bool[t.Length];
        var matches = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var hi = Math.Min(t.Length - 1, i + range);
            for (var j = Math.Max(0, i - range); j <= hi; j++)
            {
                if (tMatched[j] || s[i] != t[j]) continue;
                sMatched[i] = tMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var halfTranspositions = 0;
        for (int i = 0, k = 0; i < s.Length; i++)
        {
            if (!sMatched[i]) continue;
            while (!tMatched[k]) k++;
            if (s[i] != t[k]) halfTranspositions++;
            k++;
        }
        double m = matches;
        return (m / s.Length + m / t.Length + (m - halfTranspositions / 2) / m) / 3;
    }
}
