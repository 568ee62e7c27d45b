using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Incidence.Tests;

public class PopulationFileTests
{
    // Fields in file order: year, postal, state FIPS, county FIPS, registry, race, origin, sex, age, population.
    static string L(string year, string postal, string race, string origin, string sex, string age, string population) =>
        year + postal + "35" + "001" + "99" + race + origin + sex + age + population;

    static readonly string TwoLines = L("2020", "NM", "1", "1", "1", "00", "00001234") + "\r\n" + L("2020", "NM", "1", "1", "2", "18", "00000056") + "\r\n";

    [Fact]
    public void Seer_layout_fields_are_read_from_their_columns()
    {
        var result = SeerPopulationFile.Parse(new StringReader(TwoLines));
        Assert.True(result.IsValid);
        var r = result.Records[0];
        Assert.Equal(new PopulationRecord(2020, "NM", "35", "001", "99", 1, 1, Sex.Male, 0, 1234), r);
        Assert.Equal("35001", r.FullCountyFips);
        Assert.Equal(18, result.Records[1].Age);
        Assert.Equal(Sex.Female, result.Records[1].Sex);
        Assert.Equal(56, result.Records[1].Population);
    }

    [Fact]
    public void Synthetic_state_round_trips_through_write_and_parse()
    {
        var records = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Counties = 3, FirstYear = 2019, LastYear = 2020 });
        Assert.Equal(3 * 2 * 4 * 2 * 2 * 19, records.Count);
        var text = new StringWriter();
        SeerPopulationFile.Write(text, records, "\r\n");
        var parsed = SeerPopulationFile.Parse(new StringReader(text.ToString()));
        Assert.Empty(parsed.Errors);
        Assert.Equal(records, parsed.Records);
        var again = new StringWriter();
        SeerPopulationFile.Write(again, parsed.Records, "\r\n");
        Assert.Equal(text.ToString(), again.ToString());
        Assert.All(text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(26, line.Length));
    }

    [Fact]
    public void Synthetic_population_is_the_same_for_the_same_seed()
    {
        var a = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Seed = 7, Counties = 2 });
        var b = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Seed = 7, Counties = 2 });
        var c = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Seed = 8, Counties = 2 });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, r => Assert.True(r.Population > 0));
    }

    [Fact]
    public void Every_malformed_line_is_reported_with_line_number_and_field()
    {
        string file = string.Join("\n",
            L("2020", "NM", "1", "0", "1", "00", "00001234"),  // 1 fine
            L("2020", "NM", "1", "0", "1", "00", "00001234"),  // 2 duplicate of line 1
            L("2020", "nm", "1", "0", "1", "01", "00001234"),  // 3 lower-case postal
            L("2020", "NM", "5", "0", "1", "02", "00001234"),  // 4 race 5
            L("2020", "NM", "1", "0", "3", "03", "00001234"),  // 5 sex 3
            L("2020", "NM", "1", "0", "1", "19", "00001234"),  // 6 age 19 in a 19-group file
            L("2020", "NM", "1", "0", "1", "04", "0000X234"),  // 7 population not digits
            L("2020", "NM", "1", "0", "1", "05", "000012"),    // 8 short line
            "",                                                // 9 blank: skipped
            L("2020", "NM", "1", "5", "2", "06", "00001234")); // 10 origin 5
        var result = SeerPopulationFile.Parse(new StringReader(file));
        Assert.False(result.IsValid);
        Assert.Single(result.Records);
        var found = result.Errors.Select(e => (e.LineNumber, e.Field)).ToList();
        Assert.Equal(new (int, string)[]
        {
            (2, "line"), (3, "state postal"), (4, "race"), (5, "sex"), (6, "age"), (7, "population"), (8, "line"), (10, "origin"),
        }, found);
        Assert.Contains("line 1", result.Errors[0].Message);
        Assert.Equal("line 4, race '5': must be between 1 and 4", result.Errors[2].ToString());
    }

    [Fact]
    public void Single_ages_collapse_into_the_19_groups()
    {
        string file = string.Join("\n", L("2020", "NM", "1", "1", "1", "00", "00000010"), L("2020", "NM", "1", "1", "1", "01", "00000020"),
            L("2020", "NM", "1", "1", "1", "04", "00000030"), L("2020", "NM", "1", "1", "1", "05", "00000040"),
            L("2020", "NM", "1", "1", "1", "85", "00000050"), L("2020", "NM", "1", "1", "1", "90", "00000060"));
        var parsed = SeerPopulationFile.Parse(new StringReader(file), SeerAgeCoding.SingleAges);
        Assert.True(parsed.IsValid);
        var cells = SeerPopulationFile.ToCells(parsed.Records, SeerAgeCoding.SingleAges).OrderBy(c => c.AgeGroup).ToList();
        Assert.Equal(new[] { (0, 10L), (1, 50L), (2, 40L), (18, 110L) }, cells.Select(c => (c.AgeGroup, c.Population)));
        Assert.All(cells, c => Assert.Equal("Hispanic", c.RaceEthnicity));
        Assert.All(cells, c => Assert.Equal("35001", c.CountyFips));
    }

    [Fact]
    public void Csv_population_parses_and_round_trips()
    {
        string csv = "year,state,county,sex,race,age_group,population\n2021,35,001,M,White,0,100\n2021,35,001,2,\"Black, non-Hispanic\",18,250\n";
        var parsed = PopulationCsv.Parse(new StringReader(csv));
        Assert.True(parsed.IsValid);
        Assert.Equal(new PopulationCell("35001", 2021, Sex.Female, "Black, non-Hispanic", 18, 250), parsed.Records[1]);
        var written = new StringWriter();
        PopulationCsv.Write(written, parsed.Records);
        Assert.Equal(parsed.Records, PopulationCsv.Parse(new StringReader(written.ToString())).Records);
    }

    [Fact]
    public void Csv_population_errors_name_line_and_field()
    {
        string csv = "year,state,county,sex,race,age_group,population\n2021,35,001,M,White,0,100\n21,35,1,X,,19,-5\n2021,35,001,M,White,0,7\n";
        var parsed = PopulationCsv.Parse(new StringReader(csv));
        Assert.Equal(new[] { (3, "year"), (3, "county"), (3, "sex"), (3, "race"), (3, "age_group"), (3, "population"), (4, "line") },
            parsed.Errors.Select(e => (e.LineNumber, e.Field)));
        var missing = PopulationCsv.Parse(new StringReader("year,state,sex\n"));
        Assert.Contains(missing.Errors, e => e.LineNumber == 1 && e.Message.Contains("'county'"));
    }
}
