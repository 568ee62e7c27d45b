using System.Globalization;

namespace TumorRegistry.Survival.Relative;

/// <summary>
/// General-population mortality: the annual probability of dying (qx) by single year of age, calendar year, sex and
/// optionally race. Stored as daily hazards λ = −ln(1 − qx) / 365.241, the unit R's ratetables (relsurv, survival) use.
/// A calendar year uses the latest table year at or before it; years past the last use the last, ages past the
/// oldest use the oldest.
/// </summary>
public sealed class PopulationLifeTable
{
    /// <summary>Days per year used to convert ages and annual rates (as relsurv and survival's ratetables).</summary>
    public const double DaysPerYear = 365.241;

    readonly double[] _hazard; // [sexRace, year, age]
    readonly Dictionary<(string Sex, string Race), int> _sexRace;

    /// <summary>Ages covered, ascending (single years, starting at the youngest).</summary>
    public int[] Ages { get; }
    /// <summary>Calendar years with their own table, ascending.</summary>
    public int[] Years { get; }
    /// <summary>True if the table is by race.</summary>
    public bool ByRace { get; }

    PopulationLifeTable(int[] ages, int[] years, Dictionary<(string, string), int> sexRace, double[] hazard, bool byRace)
    {
        Ages = ages; Years = years; _sexRace = sexRace; _hazard = hazard; ByRace = byRace;
    }

    /// <summary>
    /// Reads a CSV with header age,year,sex,qx (and optionally race). Every age × year × sex (× race) cell must be present.
    /// </summary>
    public static PopulationLifeTable Load(TextReader csv)
    {
        var header = SplitCsv(csv.ReadLine() ?? throw new FormatException("empty life table"));
        int ia = Col(header, "age"), iy = Col(header, "year"), isx = Col(header, "sex"), iq = Col(header, "qx");
        int ir = Array.FindIndex(header, h => h.Equals("race", StringComparison.OrdinalIgnoreCase));
        var rows = new List<(int Age, int Year, string Sex, string Race, double Qx)>();
        for (string? line; (line = csv.ReadLine()) is not null;)
        {
            if (line.Length == 0) continue;
            var f = SplitCsv(line);
            rows.Add((int.Parse(f[ia], CultureInfo.InvariantCulture), int.Parse(f[iy], CultureInfo.InvariantCulture), f[isx],
                ir >= 0 ? f[ir] : "", double.Parse(f[iq], CultureInfo.InvariantCulture)));
        }
        var ages = rows.Select(r => r.Age).Distinct().Order().ToArray();
        var years = rows.Select(r => r.Year).Distinct().Order().ToArray();
        var keys = rows.Select(r => (r.Sex, r.Race)).Distinct().ToArray();
        if (ages.Length == 0) throw new FormatException("life table has no rows");
        if (ages[^1] - ages[0] + 1 != ages.Length) throw new FormatException("life table ages must be consecutive single years");
        var sexRace = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        var hazard = new double[keys.Length * years.Length * ages.Length];
        var filled = new bool[hazard.Length];
        foreach (var r in rows)
        {
            int cell = (sexRace[(r.Sex, r.Race)] * years.Length + Array.BinarySearch(years, r.Year)) * ages.Length + r.Age - ages[0];
            hazard[cell] = -Math.Log(1 - r.Qx) / DaysPerYear;
            filled[cell] = true;
        }
        int missing = Array.IndexOf(filled, false);
        if (missing >= 0) throw new FormatException($"life table is missing {filled.Count(f => !f)} age/year/sex cells");
        return new PopulationLifeTable(ages, years, sexRace, hazard, ir >= 0);
    }

    /// <summary>Row block for a sex (and race) or throws if the table has none.</summary>
    public int Stratum(string sex, string? race = null) =>
        _sexRace.TryGetValue((sex, ByRace ? race ?? "" : ""), out var s) ? s
        : throw new KeyNotFoundException($"life table has no rows for sex '{sex}'{(ByRace ? $", race '{race}'" : "")}");

    /// <summary>Daily hazard for a stratum, age in days and calendar position (days since 1960-01-01).</summary>
    internal double DailyHazard(int stratum, double ageDays, double dateDays)
    {
        int age = (int)Math.Floor(ageDays / DaysPerYear);
        if ((age + 1) * DaysPerYear <= ageDays) age++;
        else if (age * DaysPerYear > ageDays) age--;
        age = Math.Clamp(age - Ages[0], 0, Ages.Length - 1);
        return _hazard[(stratum * Years.Length + YearIndex(dateDays)) * Ages.Length + age];
    }

    int YearIndex(double dateDays)
    {
        // Table years start on January 1; find the last start at or before the date.
        int lo = 0, hi = Years.Length - 1;
        if (dateDays < YearStart(Years[0])) return 0;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (YearStart(Years[mid]) <= dateDays) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    internal static double YearStart(int year) => new DateOnly(year, 1, 1).DayNumber - Origin;

    /// <summary>Day number of 1960-01-01, the origin of calendar positions (as R's date and ratetables use).</summary>
    internal static readonly int Origin = new DateOnly(1960, 1, 1).DayNumber;

    /// <summary>Opens a life table shipped beside the binaries (reference/...), for CLI/API use.</summary>
    public static PopulationLifeTable LoadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Load(reader);
    }

    static int Col(string[] header, string name)
    {
        int i = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : throw new FormatException($"life table lacks column '{name}'");
    }

    internal static string[] SplitCsv(string line) => Reporting.Csv.Split(line);
}
