using TumorRegistry.Standards.Codes;
using System.Globalization;

namespace TumorRegistry.Incidence.Populations;

/// <summary>
/// A simple population CSV for registries without SEER files. Header (any column order):
/// <c>year,state,county,sex,race,age_group,population</c>; state is the 2-digit FIPS code, county the
/// 3-digit county FIPS, sex 1/2 or M/F, race a free label matching the case counts, age_group 0-18.
/// </summary>
public static class PopulationCsv
{
    static readonly string[] Columns = ["year", "state", "county", "sex", "race", "age_group", "population"];

    /// <summary>Parses the file, returning every error with its line number and field.</summary>
    public static ParseResult<PopulationCell> Parse(TextReader reader)
    {
        var records = new List<PopulationCell>();
        var errors = new List<ParseError>();
        string? headerLine = reader.ReadLine();
        if (headerLine == null)
            return new ParseResult<PopulationCell>(records, [new ParseError(1, "header", "", "file is empty")]);
        var header = Csv.Split(headerLine).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = new Dictionary<string, int>();
        foreach (var column in Columns)
        {
            int i = header.IndexOf(column);
            if (i < 0) errors.Add(new ParseError(1, "header", headerLine, $"missing column '{column}'"));
            index[column] = i;
        }
        if (errors.Count > 0) return new ParseResult<PopulationCell>(records, errors);

        var seen = new Dictionary<(string, int, Sex, string, int), int>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var fields = Csv.Split(line);
            if (fields.Length != header.Count)
            {
                errors.Add(new ParseError(lineNumber, "line", line, $"expected {header.Count} fields, found {fields.Length}"));
                continue;
            }
            int before = errors.Count;
            string Get(string column) => fields[index[column]].Trim();
            void Fail(string column, string message) => errors.Add(new ParseError(lineNumber, column, Get(column), message));

            if (!int.TryParse(Get("year"), NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < 1900 || year > 2999)
                Fail("year", "must be a four-digit year");
            string state = Get("state"), county = Get("county");
            if (state.Length != 2 || !state.All(char.IsAsciiDigit)) Fail("state", "must be the 2-digit state FIPS code");
            if (county.Length != 3 || !county.All(char.IsAsciiDigit)) Fail("county", "must be the 3-digit county FIPS code");
            Sex? sex = Get("sex").ToUpperInvariant() switch
            {
                "1" or "M" or "MALE" => Sex.Male,
                "2" or "F" or "FEMALE" => Sex.Female,
                _ => null,
            };
            if (sex == null) Fail("sex", "must be 1/M/male or 2/F/female");
            string race = Get("race");
            if (race.Length == 0) Fail("race", "must not be empty");
            if (!int.TryParse(Get("age_group"), NumberStyles.None, CultureInfo.InvariantCulture, out int age) || age > 18)
                Fail("age_group", "must be a SEER age group 0-18");
            if (!long.TryParse(Get("population"), NumberStyles.None, CultureInfo.InvariantCulture, out long population))
                Fail("population", "must be a whole number, zero or more");
            if (errors.Count > before) continue;

            var key = (state + county, year, sex!.Value, race, age);
            if (seen.TryGetValue(key, out int first))
            {
                errors.Add(new ParseError(lineNumber, "line", line, $"same year, county, sex, race and age group as line {first}"));
                continue;
            }
            seen[key] = lineNumber;
            records.Add(new PopulationCell(state + county, year, sex.Value, race, age, population));
        }
        return new ParseResult<PopulationCell>(records, errors);
    }

    /// <summary>Writes cells in the same CSV layout.</summary>
    public static void Write(TextWriter writer, IEnumerable<PopulationCell> cells)
    {
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (var c in cells)
        {
            writer.Write(FormattableString.Invariant(
                $"{c.Year},{c.CountyFips[..2]},{c.CountyFips[2..]},{(int)c.Sex},{Csv.Quote(c.RaceEthnicity)},{c.AgeGroup},{c.Population}"));
            writer.Write('\n');
        }
    }
}
