using TumorRegistry.Standards.Codes;
using System.Globalization;
using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Incidence.Standards;

/// <summary>One age group of a standard population, as a span of SEER age groups.</summary>
/// <param name="Label">Label as published (e.g. "00-04").</param>
/// <param name="FirstSeerGroup">First SEER age group (0-18) it covers.</param>
/// <param name="LastSeerGroup">Last SEER age group it covers.</param>
/// <param name="Population">Standard population (or weight) for the group.</param>
public sealed record StandardAgeGroup(string Label, int FirstSeerGroup, int LastSeerGroup, double Population);

/// <summary>
/// A standard population for direct age adjustment. Its groups are contiguous spans of SEER's 19 age
/// groups, so case and population arrays (always in 19 groups) are collapsed onto it before adjusting.
/// CSV layout (as data/reference/standard-populations): <c>age_group,age_low,age_high,population</c>,
/// age_high empty for the open last group.
/// </summary>
public sealed class StandardPopulation
{
    /// <summary>Name shown in table footnotes, e.g. "2000 US Std Population (19 age groups)".</summary>
    public string Name { get; }

    /// <summary>The groups, youngest first.</summary>
    public IReadOnlyList<StandardAgeGroup> Groups { get; }

    /// <summary>File name of the shipped 2000 US standard, under reference/standard-populations.</summary>
    public const string Us2000FileName = "us-2000-std-19-age-groups.csv";

    /// <summary>Creates a standard; groups must cover SEER groups 0-18 exactly once, in order.</summary>
    public StandardPopulation(string name, IReadOnlyList<StandardAgeGroup> groups)
    {
        int next = 0;
        foreach (var g in groups)
        {
            if (g.FirstSeerGroup != next || g.LastSeerGroup < g.FirstSeerGroup)
                throw new ArgumentException($"Standard '{name}': group {g.Label} must start at SEER age group {next}.");
            if (!(g.Population >= 0)) throw new ArgumentException($"Standard '{name}': group {g.Label} has a negative population.");
            next = g.LastSeerGroup + 1;
        }
        if (next != SeerAgeGroups.Count) throw new ArgumentException($"Standard '{name}': groups must reach 85+ (SEER group 18).");
        Name = name;
        Groups = groups;
    }

    /// <summary>Standard populations per group, in group order.</summary>
    public double[] Weights => Groups.Select(g => g.Population).ToArray();

    /// <summary>Sums a 19-group array (cases or population) onto this standard's groups.</summary>
    public double[] Collapse(IReadOnlyList<double> nineteen) => CollapseAny(nineteen);

    /// <summary>Sums a 19-group array of counts onto this standard's groups.</summary>
    public long[] Collapse(IReadOnlyList<long> nineteen) => CollapseAny(nineteen);

    T[] CollapseAny<T>(IReadOnlyList<T> nineteen) where T : System.Numerics.INumber<T>
    {
        if (nineteen.Count != SeerAgeGroups.Count) throw new ArgumentException("Expected 19 SEER age groups.", nameof(nineteen));
        var result = new T[Groups.Count];
        for (int g = 0; g < Groups.Count; g++)
            for (int s = Groups[g].FirstSeerGroup; s <= Groups[g].LastSeerGroup; s++)
                result[g] += nineteen[s];
        return result;
    }

    /// <summary>The same standard with SEER groups 00 and 01-04 merged into 00-04 (the 18-group variant).</summary>
    public StandardPopulation WithInfantsMerged(string? name = null)
    {
        if (Groups.Count < 2 || Groups[0].LastSeerGroup != 0 || Groups[1].LastSeerGroup != 1)
            throw new InvalidOperationException($"Standard '{Name}' does not have separate 0 and 1-4 groups.");
        var merged = new List<StandardAgeGroup> { new("00-04", 0, 1, Groups[0].Population + Groups[1].Population) };
        merged.AddRange(Groups.Skip(2));
        return new StandardPopulation(name ?? Name.Replace("19 age groups", "18 age groups"), merged);
    }

    /// <summary>
    /// Reads a standard from CSV. Ages must fall on SEER group boundaries (0, 1, 5, 10, ..., 85);
    /// errors are reported with line numbers, as for population files.
    /// </summary>
    public static ParseResult<StandardPopulation> Parse(string name, TextReader reader)
    {
        var errors = new List<ParseError>();
        var groups = new List<StandardAgeGroup>();
        string? header = reader.ReadLine();
        var columns = header == null ? [] : Csv.Split(header).Select(c => c.Trim().ToLowerInvariant()).ToList();
        int label = columns.IndexOf("age_group"), low = columns.IndexOf("age_low"), high = columns.IndexOf("age_high"), pop = columns.IndexOf("population");
        if (label < 0 || low < 0 || high < 0 || pop < 0)
            return new ParseResult<StandardPopulation>([], [new ParseError(1, "header", header ?? "", "expected columns age_group,age_low,age_high,population")]);
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var f = Csv.Split(line);
            if (f.Length != columns.Count) { errors.Add(new ParseError(lineNumber, "line", line, $"expected {columns.Count} fields")); continue; }
            int before = errors.Count;
            if (!int.TryParse(f[low], NumberStyles.None, CultureInfo.InvariantCulture, out int ageLow) || !IsGroupStart(ageLow))
                errors.Add(new ParseError(lineNumber, "age_low", f[low], "must be 0, 1 or a multiple of 5 up to 85"));
            int? ageHigh = null;
            if (f[high].Trim().Length > 0)
            {
                if (int.TryParse(f[high], NumberStyles.None, CultureInfo.InvariantCulture, out int h) && h < 85 && IsGroupStart(h + 1)) ageHigh = h;
                else errors.Add(new ParseError(lineNumber, "age_high", f[high], "must end a SEER age group (0, 4, 9, ..., 84) or be empty for the open group"));
            }
            if (!double.TryParse(f[pop], NumberStyles.Float, CultureInfo.InvariantCulture, out double population) || population < 0)
                errors.Add(new ParseError(lineNumber, "population", f[pop], "must be a number, zero or more"));
            if (errors.Count > before) continue;
            groups.Add(new StandardAgeGroup(f[label].Trim(), SeerAgeGroups.FromAge(ageLow),
                ageHigh is int a ? SeerAgeGroups.FromAge(a) : SeerAgeGroups.Count - 1, population));
        }
        if (errors.Count > 0) return new ParseResult<StandardPopulation>([], errors);
        try { return new ParseResult<StandardPopulation>([new StandardPopulation(name, groups)], []); }
        catch (ArgumentException e) { return new ParseResult<StandardPopulation>([], [new ParseError(lineNumber, "age groups", "", e.Message)]); }
    }

    /// <summary>Reads a standard from CSV, throwing <see cref="FormatException"/> listing all errors.</summary>
    public static StandardPopulation Load(string name, TextReader reader)
    {
        var result = Parse(name, reader);
        return result.IsValid ? result.Records[0]
            : throw new FormatException($"Standard population '{name}': " + string.Join("; ", result.Errors));
    }

    /// <summary>2000 US standard population in 19 age groups, from the shipped reference file (or a reader over it).</summary>
    public static StandardPopulation Us2000(TextReader? reader = null)
    {
        if (reader != null) return Load("2000 US Std Population (19 age groups)", reader);
        using var file = File.OpenText(Path.Combine(AppContext.BaseDirectory, "reference", "standard-populations", Us2000FileName));
        return Load("2000 US Std Population (19 age groups)", file);
    }

    /// <summary>2000 US standard population in 18 age groups (0-4 combined).</summary>
    public static StandardPopulation Us2000EighteenGroups(TextReader? reader = null) => Us2000(reader).WithInfantsMerged();

    static bool IsGroupStart(int age) => age == 0 || age == 1 || (age % 5 == 0 && age <= 85);
}
