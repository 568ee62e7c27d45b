using TumorRegistry.Linkage.Comparators;

namespace TumorRegistry.Linkage;

/// <summary>The identifying items of one patient record as reported (NAACCR naaccrId keys in <see cref="FromItems"/>).</summary>
public sealed record PersonIdentity(
    string? LastName, string? FirstName, string? MiddleName, string? BirthSurname,
    string? DateOfBirth, string? Sex, string? Ssn, string? PostalCode)
{
    public static PersonIdentity FromItems(IReadOnlyDictionary<string, string> items) => new(
        items.GetValueOrDefault("nameLast"), items.GetValueOrDefault("nameFirst"), items.GetValueOrDefault("nameMiddle"),
        items.GetValueOrDefault("nameBirthSurname"), items.GetValueOrDefault("dateOfBirth"), items.GetValueOrDefault("sex"),
        items.GetValueOrDefault("socialSecurityNumber"), items.GetValueOrDefault("addrAtDxPostalCode"));
}

/// <summary>
/// A record ready for comparison: names cleaned to A-Z, phonetic codes and nickname groups computed once, so the
/// comparison of a pair touches only ints and short strings.
/// </summary>
public readonly struct PreparedPerson
{
    public readonly string Last, First, Middle, BirthSurname, Ssn, Zip, NysiisLast, NysiisFirst, NysiisBirth;
    public readonly int BirthDate, SoundexLast, SoundexBirth;
    public readonly ulong Nicknames;
    public readonly byte Sex;

    public PreparedPerson(PersonIdentity p, NicknameTable nicknames)
    {
        Last = Clean(p.LastName);
        First = Clean(p.FirstName);
        Middle = Clean(p.MiddleName);
        var birth = Clean(p.BirthSurname);
        BirthSurname = birth == Last ? "" : birth;
        Ssn = SsnComparator.Normalize(p.Ssn);
        Zip = CleanZip(p.PostalCode);
        BirthDate = DateComparator.Parse(p.DateOfBirth);
        Sex = p.Sex is "1" or "2" or "3" or "4" or "5" or "6" ? (byte)(p.Sex[0] - '0') : (byte)0;
        SoundexLast = Soundex.Pack(Last);
        SoundexBirth = Soundex.Pack(BirthSurname);
        NysiisLast = Nysiis.Encode(Last);
        NysiisFirst = Nysiis.Encode(First);
        NysiisBirth = Nysiis.Encode(BirthSurname);
        Nicknames = nicknames.Groups(First);
    }

    /// <summary>Upper-case letters only: "O'Brien-Smith" and "OBRIEN SMITH" compare equal.</summary>
    public static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        foreach (var raw in name)
        {
            var c = char.ToUpperInvariant(raw);
            if (c is >= 'A' and <= 'Z') buffer[n++] = c;
        }
        return n == 0 ? "" : new string(buffer[..n]);
    }

    private static string CleanZip(string? zip)
    {
        if (string.IsNullOrEmpty(zip) || zip.Length < 5) return "";
        var five = zip[..5];
        return five.All(char.IsAsciiDigit) && five is not "99999" and not "00000" and not "88888" ? five : "";
    }
}
