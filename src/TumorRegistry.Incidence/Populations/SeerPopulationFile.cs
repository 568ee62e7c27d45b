using System.Globalization;
using System.Text;

namespace TumorRegistry.Incidence.Populations;

/// <summary>
/// Reads and writes SEER's fixed-width "U.S. county population data" files (1969+ layout, 26 characters a line,
/// all numbers zero-filled; see seer.cancer.gov/popdata/popdic.html). CR/LF and LF line ends are both read.
/// </summary>
public static class SeerPopulationFile
{
    /// <summary>Characters in one record.</summary>
    public const int RecordLength = 26;

    // Column layout (0-based start, length), from the SEER population data dictionary.
    static readonly (string Field, int Start, int Length)[] Layout =
    [
        ("year", 0, 4), ("state postal", 4, 2), ("state FIPS", 6, 2), ("county FIPS", 8, 3), ("registry", 11, 2),
        ("race", 13, 1), ("origin", 14, 1), ("sex", 15, 1), ("age", 16, 2), ("population", 18, 8),
    ];

    /// <summary>
    /// Parses a whole file. Every malformed line is reported with its line number and field; a key
    /// (year, state, county, registry, race, origin, sex, age) seen twice is reported too. Blank lines are skipped.
    /// </summary>
    public static ParseResult<PopulationRecord> Parse(TextReader reader, SeerAgeCoding ageCoding = SeerAgeCoding.NineteenGroups)
    {
        var records = new List<PopulationRecord>();
        var errors = new List<ParseError>();
        var seen = new Dictionary<(int, string, string, string, int, int, Sex, int), int>();
        int maxAge = ageCoding == SeerAgeCoding.NineteenGroups ? 18 : 90;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            line = line.TrimEnd();
            if (line.Length == 0) continue;
            if (line.Length != RecordLength)
            {
                errors.Add(new ParseError(lineNumber, "line", Shorten(line), $"expected {RecordLength} characters, found {line.Length}"));
                continue;
            }
            int before = errors.Count;
            string Field(int i) => line.Substring(Layout[i].Start, Layout[i].Length);
            int Number(int i, int min, int max)
            {
                string text = Field(i);
                if (!IsDigits(text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    errors.Add(new ParseError(lineNumber, Layout[i].Field, text, "must be zero-filled digits"));
                    return -1;
                }
                if (value < min || value > max)
                    errors.Add(new ParseError(lineNumber, Layout[i].Field, text, $"must be between {min} and {max}"));
                return value;
            }
            int year = Number(0, 1900, 2999);
            string postal = Field(1);
            if (!(char.IsAsciiLetterUpper(postal[0]) && char.IsAsciiLetterUpper(postal[1])))
                errors.Add(new ParseError(lineNumber, "state postal", postal, "must be two capital letters"));
            string stateFips = Field(2), countyFips = Field(3), registry = Field(4);
            Number(2, 0, 99);
            Number(3, 0, 999);
            Number(4, 0, 99);
            int race = Number(5, 1, 4);
            int origin = Number(6, 0, 9);
            if (origin is >= 2 and <= 8)
                errors.Add(new ParseError(lineNumber, "origin", Field(6), "must be 0 (non-Hispanic), 1 (Hispanic) or 9 (not applicable)"));
            int sex = Number(7, 1, 2);
            int age = Number(8, 0, maxAge);
            string populationText = Field(9);
            long population = -1;
            if (!IsDigits(populationText) || !long.TryParse(populationText, NumberStyles.None, CultureInfo.InvariantCulture, out population))
                errors.Add(new ParseError(lineNumber, "population", populationText, "must be zero-filled digits"));
            if (errors.Count > before) continue;

            var key = (year, stateFips, countyFips, registry, race, origin, (Sex)sex, age);
            if (seen.TryGetValue(key, out int first))
            {
                errors.Add(new ParseError(lineNumber, "line", line, $"same year, area, race, origin, sex and age as line {first}"));
                continue;
            }
            seen[key] = lineNumber;
            records.Add(new PopulationRecord(year, postal, stateFips, countyFips, registry, race, origin, (Sex)sex, age, population));
        }
        return new ParseResult<PopulationRecord>(records, errors);
    }

    /// <summary>Writes records in the same fixed-width layout, one per line.</summary>
    public static void Write(TextWriter writer, IEnumerable<PopulationRecord> records, string newLine = "\n")
    {
        var sb = new StringBuilder(RecordLength);
        foreach (var r in records)
        {
            sb.Clear();
            sb.Append(Fixed(r.Year, 4, "year")).Append(Text(r.StatePostal, 2, "state postal")).Append(Text(r.StateFips, 2, "state FIPS"))
              .Append(Text(r.CountyFips, 3, "county FIPS")).Append(Text(r.Registry, 2, "registry"))
              .Append(Fixed(r.Race, 1, "race")).Append(Fixed(r.Origin, 1, "origin")).Append(Fixed((int)r.Sex, 1, "sex"))
              .Append(Fixed(r.Age, 2, "age")).Append(Fixed(r.Population, 8, "population"));
            writer.Write(sb);
            writer.Write(newLine);
        }
    }

    /// <summary>
    /// Converts file records to table cells: single ages are collapsed into the 19 groups and cells that
    /// then share a key are summed. <paramref name="raceEthnicity"/> maps SEER race and origin to a label
    /// (default <see cref="RaceEthnicity.FromSeer"/>).
    /// </summary>
    public static IReadOnlyList<PopulationCell> ToCells(IEnumerable<PopulationRecord> records, SeerAgeCoding ageCoding = SeerAgeCoding.NineteenGroups,
        Func<int, int, string>? raceEthnicity = null)
    {
        raceEthnicity ??= RaceEthnicity.FromSeer;
        var sums = new Dictionary<(string, int, Sex, string, int), long>();
        foreach (var r in records)
        {
            int group = ageCoding == SeerAgeCoding.SingleAges ? AgeGroups.SeerAgeGroups.FromAge(r.Age) : r.Age;
            var key = (r.FullCountyFips, r.Year, r.Sex, raceEthnicity(r.Race, r.Origin), group);
            sums[key] = sums.GetValueOrDefault(key) + r.Population;
        }
        return sums.Select(kv => new PopulationCell(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Key.Item4, kv.Key.Item5, kv.Value)).ToList();
    }

    static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    static string Fixed(long value, int width, string field)
    {
        string text = value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        if (value < 0 || text.Length != width) throw new ArgumentException($"{field} {value} does not fit {width} digits.");
        return text;
    }

    static string Text(string value, int width, string field) => value.Length == width ? value
        : throw new ArgumentException($"{field} '{value}' must be exactly {width} characters.");
}
