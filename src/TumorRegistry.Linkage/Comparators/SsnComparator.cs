namespace TumorRegistry.Linkage.Comparators;

/// <summary>Social Security numbers: exact, one keying error (one digit wrong or two neighbours swapped), other.</summary>
public static class SsnComparator
{
    public const byte Missing = 0, Disagree = 1, OneError = 2, Exact = 3;
    public const int Levels = 4;

    public static byte Compare(string a, string b)
    {
        if (a.Length != 9 || b.Length != 9) return Missing;
        int first = -1, differences = 0;
        for (var i = 0; i < 9; i++)
        {
            if (a[i] == b[i]) continue;
            if (++differences > 2) return Disagree;
            if (first < 0) first = i;
        }
        if (differences == 0) return Exact;
        if (differences == 1) return OneError;
        var swapped = first < 8 && a[first] == b[first + 1] && a[first + 1] == b[first];
        return swapped ? OneError : Disagree;
    }

    /// <summary>Nine digits, or "" for blank and the placeholder numbers registries use for unknown (000..., 999999999, 123456789, 888888888).</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        Span<char> digits = stackalloc char[9];
        var n = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c)) continue;
            if (n == 9) return "";
            digits[n++] = c;
        }
        if (n != 9) return "";
        var s = new string(digits);
        if (s.StartsWith("000") || s.StartsWith("666") || s[0] == '9' || s is "123456789" or "888888888" || s.EndsWith("0000")) return "";
        return s;
    }
}
