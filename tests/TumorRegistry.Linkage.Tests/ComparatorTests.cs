using TumorRegistry.Linkage;
using TumorRegistry.Linkage.Comparators;

namespace TumorRegistry.Linkage.Tests;

public class ComparatorTests
{
    // Published values (Winkler 1990; the textbook examples MARTHA/MARHTA, DWAYNE/DUANE, DIXON/DICKSONX).
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.840)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("SHACKLEFORD", "SHACKELFORD", 0.982)]
    public void Jaro_Winkler_matches_published_examples(string a, string b, double expected) =>
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);

    [Fact]
    public void Jaro_Winkler_is_one_for_equal_and_zero_for_nothing_in_common()
    {
        Assert.Equal(1, JaroWinkler.Similarity("SMITH", "SMITH"));
        Assert.Equal(0, JaroWinkler.Similarity("ABC", "XYZ"));
        Assert.Equal(0, JaroWinkler.Similarity("", "XYZ"));
        Assert.Equal(0.944, JaroWinkler.Jaro("MARTHA", "MARHTA"), 3);
    }

    // The US National Archives' Soundex examples.
    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Rubin", "R150")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Ashcroft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Honeyman", "H555")]
    [InlineData("Lee", "L000")]
    [InlineData("O'Hara", "O600")]
    [InlineData("", "")]
    public void Soundex_matches_the_National_Archives_examples(string name, string code) => Assert.Equal(code, Soundex.Encode(name));

    // Examples of the NYSIIS rules (Taft 1970 as commonly published).
    [Theory]
    [InlineData("BROWN", "BRAN")]
    [InlineData("BRIAN", "BRAN")]
    [InlineData("BRUN", "BRAN")]
    [InlineData("CAPP", "CAP")]
    [InlineData("COPE", "CAP")]
    [InlineData("KIPP", "CAP")]
    [InlineData("KNUTH", "NAT")]
    [InlineData("MACINTOSH", "MCANT")]
    [InlineData("SCHMIDT", "SNAD")]
    [InlineData("PHILLIPS", "FALAP")]
    [InlineData("LAWRENCE", "LARANC")]
    public void Nysiis_follows_the_published_rules(string name, string code) => Assert.Equal(code, Nysiis.Encode(name));

    [Fact]
    public void Nicknames_agree_through_a_shared_formal_name_from_the_data_file()
    {
        var table = NicknameTable.Load(Path.Combine(AppContext.BaseDirectory, "reference", "linkage", "nicknames.csv"));
        Assert.True(table.AreNicknames("ROBERT", "BOB"));
        Assert.True(table.AreNicknames("BOBBY", "BOB"));
        Assert.True(table.AreNicknames("WILLIAM", "BILL"));
        Assert.True(table.AreNicknames("ALBERT", "BERT"));
        Assert.True(table.AreNicknames("ROBERT", "BERT")); // BERT shortens both
        Assert.False(table.AreNicknames("ROBERT", "WILLIAM"));
        Assert.False(table.AreNicknames("ZORRO", "ZORRO")); // not in the table: exact agreement is a separate level
    }

    [Theory]
    [InlineData("19600315", "19600315", DateComparator.Exact)]
    [InlineData("19600305", "19600503", DateComparator.DayMonthSwapped)]
    [InlineData("19600315", "19610315", DateComparator.TwoParts)]
    [InlineData("19600315", "19600316", DateComparator.TwoParts)]
    [InlineData("19600315", "19601120", DateComparator.YearOnly)]
    [InlineData("19600315", "19710822", DateComparator.Disagree)]
    [InlineData("196003", "19600315", DateComparator.TwoParts)]
    [InlineData("", "19600315", DateComparator.Missing)]
    [InlineData("19600505", "19600505", DateComparator.Exact)]
    public void Dates_agree_in_parts_and_with_day_and_month_swapped(string a, string b, byte level) =>
        Assert.Equal(level, DateComparator.Compare(DateComparator.Parse(a), DateComparator.Parse(b)));

    [Theory]
    [InlineData("123-45-6780", "123456780", SsnComparator.Exact)]
    [InlineData("123456780", "123456781", SsnComparator.OneError)]
    [InlineData("123456780", "123456708", SsnComparator.OneError)]
    [InlineData("123456780", "213456708", SsnComparator.Disagree)]
    [InlineData("123456780", "123455781", SsnComparator.Disagree)]
    [InlineData("", "123456780", SsnComparator.Missing)]
    [InlineData("999999999", "999999999", SsnComparator.Missing)]
    [InlineData("000000000", "000000000", SsnComparator.Missing)]
    public void Ssn_allows_one_keying_error(string a, string b, byte level) =>
        Assert.Equal(level, SsnComparator.Compare(SsnComparator.Normalize(a), SsnComparator.Normalize(b)));

    [Fact]
    public void Field_levels_of_a_married_woman_with_her_maiden_name_as_birth_surname()
    {
        var nick = NicknameTable.Parse(["formal,nickname", "MARGARET,PEG"]);
        var before = new PreparedPerson(new PersonIdentity("O'Neil", "Margaret", "A", null, "19501231", "2", "123456780", "87101"), nick);
        var after = new PreparedPerson(new PersonIdentity("Garcia", "Peg", "", "ONEIL", "19501231", "2", null, "87102"), nick);
        var pattern = Fields.Compare(before, after);
        Assert.Equal(4, Fields.Level(pattern, Fields.LastName));
        Assert.Equal(4, Fields.Level(pattern, Fields.FirstName));
        Assert.Equal(0, Fields.Level(pattern, Fields.MiddleName));
        Assert.Equal(DateComparator.Exact, Fields.Level(pattern, Fields.BirthDate));
        Assert.Equal(2, Fields.Level(pattern, Fields.Sex));
        Assert.Equal(0, Fields.Level(pattern, Fields.Ssn));
        Assert.Equal(2, Fields.Level(pattern, Fields.PostalCode));
    }
}
