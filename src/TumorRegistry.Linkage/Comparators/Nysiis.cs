using System.Text;

namespace TumorRegistry.Linkage.Comparators;

/// <summary>
/// NYSIIS (New York State Identification and Intelligence System, Taft 1970) phonetic code, truncated to six
/// letters as in the original. Written from the published rule list; no package on the feed serves it.
/// </summary>
public static class Nysiis
{
    public static string Encode(string? name, int maxLength = 6)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var w = new StringBuilder(name.Length + 2);
        foreach (var raw in name)
        {
            var c = char.ToUpperInvariant(raw);
            if (c is >= 'A' and <= 'Z') w.Append(c);
        }
        if (w.Length == 0) return "";
        var s = w.ToString();
        // Rule 1: the beginning.
        if (s.StartsWith("MAC")) s = "MCC" + s[3..];
        else if (s.StartsWith("KN")) s = "NN" + s[2..];
        else if (s.StartsWith('K')) s = "C" + s[1..];
        else if (s.StartsWith("PH") || s.StartsWith("PF")) s = "FF" + s[2..];
        else if (s.StartsWith("SCH")) s = "SSS" + s[3..];
        // Rule 2: the end.
        if (s.EndsWith("EE") || s.EndsWith("IE")) s = s[..^2] + "Y";
        else if (s.EndsWith("DT") || s.EndsWith("RT") || s.EndsWith("RD") || s.EndsWith("NT") || s.EndsWith("ND")) s = s[..^2] + "D";
        var chars = s.ToCharArray();
        var key = new StringBuilder(chars.Length);
        key.Append(chars[0]);
        for (var i = 1; i < chars.Length; i++)
        {
            var c = chars[i];
            string add;
            if (c == 'E' && i + 1 < chars.Length && chars[i + 1] == 'V') { chars[i + 1] = 'F'; add = "A"; }
            else if (IsVowel(c)) add = "A";
            else if (c == 'Q') add = "G";
            else if (c == 'Z') add = "S";
            else if (c == 'M') add = "N";
            else if (c == 'K') add = i + 1 < chars.Length && chars[i + 1] == 'N' ? "N" : "C";
            else if (c == 'S' && i + 2 < chars.Length && chars[i + 1] == 'C' && chars[i + 2] == 'H') { chars[i + 1] = chars[i + 2] = 'S'; add = "S"; }
            else if (c == 'P' && i + 1 < chars.Length && chars[i + 1] == 'H') { chars[i + 1] = 'F'; add = "F"; }
            else if (c == 'H' && (!IsVowel(chars[i - 1]) || (i + 1 < chars.Length && !IsVowel(chars[i + 1])) || i + 1 == chars.Length)) add = chars[i - 1].ToString();
            else if (c == 'W' && IsVowel(chars[i - 1])) add = chars[i - 1].ToString();
            else add = c.ToString();
            var a = add[0];
            chars[i] = a; // translated in place: later H and W rules look at the translated letter
            if (key[^1] != a) key.Append(a);
        }
        if (key.Length > 1 && key[^1] == 'S') key.Length--;
        if (key.Length > 2 && key[^2] == 'A' && key[^1] == 'Y') { key.Length -= 2; key.Append('Y'); }
        if (key.Length > 1 && key[^1] == 'A') key.Length--;
        return key.Length > maxLength ? key.ToString(0, maxLength) : key.ToString();
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';
}
