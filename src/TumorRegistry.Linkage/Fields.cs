using TumorRegistry.Linkage.Comparators;

namespace TumorRegistry.Linkage;

/// <summary>
/// The compared fields and their agreement levels. Level 0 of every field is "missing in either record", its own
/// level with its own m and u. A pair's levels pack into one int (mixed radix), its agreement pattern.
/// </summary>
public static class Fields
{
    public const int LastName = 0, FirstName = 1, MiddleName = 2, BirthDate = 3, Sex = 4, Ssn = 5, PostalCode = 6;
    public const int Count = 7;

    public static readonly string[] Names = ["nameLast", "nameFirst", "nameMiddle", "dateOfBirth", "sex", "socialSecurityNumber", "addrAtDxPostalCode"];

    public static readonly string[][] LevelNames =
    [
        ["missing", "disagree", "phonetic", "similar", "exact"],
        ["missing", "disagree", "phonetic", "similar", "nickname", "exact"],
        ["missing", "disagree", "initial", "exact"],
        ["missing", "disagree", "year only", "two of three parts", "day and month swapped", "exact"],
        ["missing", "disagree", "agree"],
        ["missing", "disagree", "one digit off or swapped", "exact"],
        ["missing", "disagree", "first three digits", "exact"],
    ];

    public static readonly int[] Levels = LevelNames.Select(l => l.Length).ToArray();

    /// <summary>Number of distinct agreement patterns (product of the level counts).</summary>
    public static readonly int PatternCount = Levels.Aggregate(1, (a, b) => a * b);

    private static readonly int[] Radix = BuildRadix();

    private static int[] BuildRadix()
    {
        var r = new int[Count];
        var m = 1;
        for (var f = 0; f < Count; f++) { r[f] = m; m *= Levels[f]; }
        return r;
    }

    public static int Level(int pattern, int field) => pattern / Radix[field] % Levels[field];

    public static int Pattern(ReadOnlySpan<byte> levels)
    {
        var p = 0;
        for (var f = 0; f < Count; f++) p += levels[f] * Radix[f];
        return p;
    }

    /// <summary>The agreement pattern of two prepared records.</summary>
    public static int Compare(in PreparedPerson a, in PreparedPerson b) =>
        LastLevel(a, b) * Radix[LastName]
        + FirstLevel(a, b) * Radix[FirstName]
        + MiddleLevel(a.Middle, b.Middle) * Radix[MiddleName]
        + DateComparator.Compare(a.BirthDate, b.BirthDate) * Radix[BirthDate]
        + (a.Sex == 0 || b.Sex == 0 ? 0 : a.Sex == b.Sex ? 2 : 1) * Radix[Sex]
        + SsnComparator.Compare(a.Ssn, b.Ssn) * Radix[Ssn]
        + ZipLevel(a.Zip, b.Zip) * Radix[PostalCode];

    public const double SimilarThreshold = 0.92, PhoneticThreshold = 0.85;

    // Family names compare the current names and the birth surnames crosswise, so a woman reported under her
    // married name with her maiden name as birth surname agrees with her earlier record.
    private static int LastLevel(in PreparedPerson a, in PreparedPerson b)
    {
        if (a.Last.Length == 0 || b.Last.Length == 0) return 0;
        var best = Surname(a.Last, b.Last, a.SoundexLast, b.SoundexLast, a.NysiisLast, b.NysiisLast);
        if (best < 4 && b.BirthSurname.Length > 0)
            best = Math.Max(best, Surname(a.Last, b.BirthSurname, a.SoundexLast, b.SoundexBirth, a.NysiisLast, b.NysiisBirth));
        if (best < 4 && a.BirthSurname.Length > 0)
            best = Math.Max(best, Surname(a.BirthSurname, b.Last, a.SoundexBirth, b.SoundexLast, a.NysiisBirth, b.NysiisLast));
        return best;
    }

    private static int Surname(string a, string b, int sa, int sb, string na, string nb)
    {
        if (a == b) return 4;
        var jw = JaroWinkler.Similarity(a, b);
        if (jw >= SimilarThreshold) return 3;
        return sa == sb || na == nb || jw >= PhoneticThreshold ? 2 : 1;
    }

    private static int FirstLevel(in PreparedPerson a, in PreparedPerson b)
    {
        if (a.First.Length == 0 || b.First.Length == 0) return 0;
        if (a.First == b.First) return 5;
        if (NicknameTable.Share(a.Nicknames, b.Nicknames)) return 4;
        if (a.First.Length == 1 || b.First.Length == 1) return a.First[0] == b.First[0] ? 2 : 1;
        var jw = JaroWinkler.Similarity(a.First, b.First);
        if (jw >= SimilarThreshold) return 3;
        return a.NysiisFirst == b.NysiisFirst || jw >= PhoneticThreshold ? 2 : 1;
    }

    private static int MiddleLevel(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a[0] != b[0]) return 1;
        return a.Length > 1 && b.Length > 1 ? (a == b ? 3 : 1) : 2;
    }

    private static int ZipLevel(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 3;
        return a.AsSpan(0, 3).SequenceEqual(b.AsSpan(0, 3)) ? 2 : 1;
    }
}
