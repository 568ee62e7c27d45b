namespace TumorRegistry.Synthetic.Linkage;

/// <summary>One made-up patient record; a planted duplicate names the record it repeats and how it was varied.</summary>
public sealed record LinkageRecord(
    string Last, string First, string Middle, string BirthSurname, string DateOfBirth, string Sex, string Ssn, string Zip,
    int DuplicateOf = -1, string Variation = "");

/// <summary>
/// A population for linkage accuracy and speed: many distinct names (family names built from syllables with a
/// skewed frequency like real surnames, given names from the nickname table plus built ones), then a share of
/// records repeated under the variations record linkage must handle, in fixed proportions (<see cref="Variations"/>).
/// Separate from <see cref="SyntheticPeople"/>, whose 50 names are far too few for a million distinct people.
/// </summary>
public static class LinkagePopulation
{
    /// <summary>Kinds of planted duplicate and their share of duplicates (sum 1).</summary>
    public static readonly IReadOnlyList<(string Kind, double Share)> Variations =
    [
        ("typo in family name", 0.20), ("typo in given name", 0.10), ("nickname", 0.15), ("day and month swapped", 0.10),
        ("SSN missing", 0.15), ("SSN one digit off", 0.05), ("name change (maiden to married)", 0.15), ("moved (new ZIP)", 0.10),
    ];

    private static readonly string[] Onsets = ["B", "BR", "C", "CH", "D", "F", "G", "GR", "H", "J", "K", "L", "M", "N", "P", "R", "S", "ST", "T", "TR", "V", "W", "Z", "SH", "KL"];
    private static readonly string[] Vowels = ["A", "E", "I", "O", "U", "AI", "EE", "OU", "Y"];
    private static readonly string[] Codas = ["", "N", "R", "S", "L", "M", "T", "CK", "NG", "RD", "LL", "TZ", "SON", "MAN", "TON", "BERG", "EZ", "OWSKI", "ER", "ELLI"];

    /// <summary><c>size</c> records of which <c>duplicateShare</c> are planted duplicates; nicknames are the (formal, nickname) pairs of data/reference/linkage/nicknames.csv.</summary>
    public static List<LinkageRecord> Generate(int size, double duplicateShare, int seed, IReadOnlyList<(string Formal, string Nick)> nicknames)
    {
        var random = new Random(seed);
        var families = DistinctNames(random, 60_000, 2);
        var formals = nicknames.Select(n => n.Formal).Distinct().ToList();
        var givens = formals.Concat(DistinctNames(random, 3_000, 1).Where(n => !formals.Contains(n))).ToList();
        var nickOf = nicknames.GroupBy(n => n.Formal).ToDictionary(g => g.Key, g => g.Select(n => n.Nick).ToArray());
        var zips = Enumerable.Range(0, 400).Select(i => (87000 + random.Next(0, 1500)).ToString()).ToArray();
        var originals = (int)Math.Round(size * (1 - duplicateShare));
        var records = new List<LinkageRecord>(size);
        var ssns = new HashSet<int>();
        for (var i = 0; i < originals; i++)
        {
            var sex = random.Next(2) == 0 ? "1" : "2";
            var dob = new DateOnly(1925, 1, 1).AddDays(random.Next(80 * 365));
            int ssn;
            do ssn = random.Next(1_010_000, 899_999_999); while (!ssns.Add(ssn) || ssn / 1_000_000 == 666 || ssn % 10000 == 0);
            var middle = random.Next(3) switch { 0 => "", 1 => ((char)('A' + random.Next(26))).ToString(), _ => Skewed(random, givens) };
            records.Add(new LinkageRecord(Skewed(random, families), Skewed(random, givens), middle, "",
                dob.ToString("yyyyMMdd"), sex, random.NextDouble() < 0.1 ? "" : ssn.ToString("000000000"), zips[random.Next(zips.Length)]));
        }
        var used = new HashSet<int>();
        while (records.Count < size)
        {
            var kind = DrawKind(random);
            // An original the variation can apply to (a woman for a name change, a day up to 12 for a swap...).
            int of, tries = 0;
            do of = random.Next(originals); while ((used.Contains(of) || !Fits(kind, records[of], nickOf)) && ++tries < 1000);
            if (!used.Add(of)) continue;
            records.Add(Vary(random, records[of], of, kind, families, nickOf, zips));
        }
        return records;
    }

    private static string DrawKind(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (k, share) in Variations) { if (roll < share) return k; roll -= share; }
        return Variations[^1].Kind;
    }

    private static bool Fits(string kind, LinkageRecord r, Dictionary<string, string[]> nickOf) => kind switch
    {
        "nickname" => nickOf.ContainsKey(r.First),
        "day and month swapped" => int.Parse(r.DateOfBirth[6..]) is var day and <= 12 && day != int.Parse(r.DateOfBirth[4..6]),
        "SSN missing" or "SSN one digit off" => r.Ssn.Length == 9,
        "name change (maiden to married)" => r.Sex == "2",
        _ => true,
    };

    private static LinkageRecord Vary(Random random, LinkageRecord r, int of, string kind, List<string> families, Dictionary<string, string[]> nickOf, string[] zips)
    {
        // Another facility: a new ZIP now and then and a middle name left out, whatever the main variation.
        var d = r with { DuplicateOf = of, Variation = kind, Middle = random.Next(4) == 0 ? "" : r.Middle };
        switch (kind)
        {
            case "typo in family name": return d with { Last = Typo(random, r.Last) };
            case "typo in given name": return d with { First = Typo(random, r.First) };
            case "nickname" when nickOf.TryGetValue(r.First, out var nicks): return d with { First = nicks[random.Next(nicks.Length)] };
            case "nickname": return d with { First = Typo(random, r.First), Variation = "typo in given name" };
            case "day and month swapped" when int.Parse(r.DateOfBirth[6..]) is var day and <= 12 && day != int.Parse(r.DateOfBirth[4..6]):
                return d with { DateOfBirth = r.DateOfBirth[..4] + r.DateOfBirth[6..] + r.DateOfBirth[4..6] };
            case "day and month swapped": return d with { Ssn = "", Variation = "SSN missing" };
            case "SSN missing": return d with { Ssn = "" };
            case "SSN one digit off" when r.Ssn.Length == 9:
                var c = r.Ssn.ToCharArray();
                var at = random.Next(9);
                c[at] = (char)('0' + (c[at] - '0' + 1 + random.Next(9)) % 10);
                return d with { Ssn = new string(c) };
            case "SSN one digit off": return d with { Last = Typo(random, r.Last), Variation = "typo in family name" };
            case "name change (maiden to married)" when r.Sex == "2":
                // Half the reports carry the maiden name as birth surname; half do not, and name plus date must carry it.
                return d with { Last = families[random.Next(families.Count)], BirthSurname = random.Next(2) == 0 ? r.Last : "" };
            default: return d with { Zip = zips[random.Next(zips.Length)], Variation = "moved (new ZIP)" };
        }
    }

    /// <summary>One keying error: two neighbours swapped, a letter replaced, dropped or doubled (never the first letter).</summary>
    public static string Typo(Random random, string name)
    {
        if (name.Length < 3) return name + (char)('A' + random.Next(26));
        var c = name.ToList();
        var i = random.Next(1, c.Count - 1);
        switch (random.Next(4))
        {
            case 0: (c[i], c[i + 1]) = (c[i + 1], c[i]); break;
            case 1: c[i] = (char)('A' + (c[i] - 'A' + 1 + random.Next(25)) % 26); break;
            case 2: c.RemoveAt(i); break;
            default: c.Insert(i, c[i]); break;
        }
        var typed = new string(c.ToArray());
        return typed == name ? name + "E" : typed;
    }

    // Zipf-like: the k-th name drawn with weight 1/(k+50), as surname frequencies fall off (Smith about 1 in 100).
    private static string Skewed(Random random, List<string> names)
    {
        var h = Math.Log((names.Count + 50.0) / 50.0);
        var k = (int)(50 * Math.Exp(random.NextDouble() * h) - 50);
        return names[Math.Clamp(k, 0, names.Count - 1)];
    }

    private static List<string> DistinctNames(Random random, int count, int maxSyllables)
    {
        var names = new HashSet<string>();
        var list = new List<string>(count);
        while (list.Count < count)
        {
            var n = string.Concat(Enumerable.Range(0, 1 + random.Next(maxSyllables)).Select(_ => Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)]))
                    + Codas[random.Next(Codas.Length)];
            if (n.Length >= 3 && names.Add(n)) list.Add(n);
        }
        return list;
    }
}
