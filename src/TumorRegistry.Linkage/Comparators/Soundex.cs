namespace TumorRegistry.Linkage.Comparators;

/// <summary>
/// American Soundex as the US National Archives describes it: first letter kept, consonants coded 1-6, letters with
/// the same code next to each other (or separated only by H or W) coded once, vowels separate, padded to 4.
/// </summary>
public static class Soundex
{
    //                                  ABCDEFGHIJKLMNOPQRSTUVWXYZ
    private const string Codes = "01230120022455012623010202";

    public static string Encode(string? name)
    {
        var packed = Pack(name);
        if (packed == 0) return "";
        return $"{(char)('A' + packed / 1000 - 1)}{packed % 1000:000}";
    }

    /// <summary>The code as an int (letter 1-26 times 1000 plus the three digits), 0 when there are no letters.</summary>
    public static int Pack(string? name)
    {
        if (string.IsNullOrEmpty(name)) return 0;
        int first = -1, digits = 0, count = 0;
        var previous = '\0';
        foreach (var raw in name)
        {
            var c = char.ToUpperInvariant(raw);
            if (c < 'A' || c > 'Z') continue;
            var code = Codes[c - 'A'];
            if (first < 0)
            {
                first = c - 'A' + 1;
                previous = code;
                continue;
            }
            if (c is 'H' or 'W') continue;
            if (code == '0') { previous = '0'; continue; }
            if (code == previous) continue;
            previous = code;
            digits = digits * 10 + (code - '0');
            if (++count == 3) break;
        }
        if (first < 0) return 0;
        for (; count < 3; count++) digits *= 10;
        return first * 1000 + digits;
    }
}
