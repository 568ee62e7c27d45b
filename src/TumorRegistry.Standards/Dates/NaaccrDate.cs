using System.Diagnostics.CodeAnalysis;

namespace TumorRegistry.Standards.Dates;

/// <summary>
/// A NAACCR date: YYYYMMDD where the day, or the month and day, may be unknown.
/// NAACCR XML omits unknown trailing parts ("2024", "202404"); flat files leave them blank ("2024    ").
/// Partial dates are compared as intervals: "2024" covers 2024-01-01..2024-12-31.
/// </summary>
public readonly record struct NaaccrDate : IComparable<NaaccrDate>
{
    public NaaccrDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(year));
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month));
        if (day is not null && (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value)))
            throw new ArgumentOutOfRangeException(nameof(day));
        Year = year; Month = month; Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    /// <summary>True when year, month and day are all known.</summary>
    public bool IsComplete => Day is not null;

    /// <summary>First calendar day the date can stand for.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>Last calendar day the date can stand for.</summary>
    public DateOnly Latest => Month is null
        ? new DateOnly(Year, 12, 31)
        : new DateOnly(Year, Month.Value, Day ?? DateTime.DaysInMonth(Year, Month.Value));

    /// <summary>The calendar date when complete, else null.</summary>
    public DateOnly? ToDateOnly() => IsComplete ? Earliest : null;

    public static NaaccrDate From(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>Parses YYYY, YYYYMM or YYYYMMDD (trailing blanks allowed); throws FormatException naming the problem.</summary>
    public static NaaccrDate Parse(string text) =>
        TryParse(text, out var date, out var error) ? date : throw new FormatException(error);

    public static bool TryParse(string? text, out NaaccrDate date) => TryParse(text, out date, out _);

    /// <summary>Parses a NAACCR date; on failure <paramref name="error"/> says what a registrar should fix.</summary>
    public static bool TryParse(string? text, out NaaccrDate date, [NotNullWhen(false)] out string? error)
    {
        date = default;
        var s = (text ?? "").TrimEnd();
        if (s.Length is not (4 or 6 or 8) || !s.All(char.IsAsciiDigit))
        {
            error = $"{ErrorText.Quote(text, capital: true)} is not a date: use YYYYMMDD, YYYYMM or YYYY.";
            return false;
        }
        var year = int.Parse(s[..4]);
        int? month = s.Length >= 6 ? int.Parse(s[4..6]) : null;
        int? day = s.Length == 8 ? int.Parse(s[6..8]) : null;
        if (year < 1800) { error = $"Year {year} is not plausible."; return false; }
        if (month is < 1 or > 12) { error = $"Month {month:00} does not exist."; return false; }
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            error = $"Day {day:00} does not exist in {year}-{month:00}.";
            return false;
        }
        date = new NaaccrDate(year, month, day);
        error = null;
        return true;
    }

    /// <summary>NAACCR XML form: unknown trailing parts omitted.</summary>
    public override string ToString() =>
        Month is null ? $"{Year:0000}" : Day is null ? $"{Year:0000}{Month:00}" : $"{Year:0000}{Month:00}{Day:00}";

    /// <summary>Fixed-width flat-file form: 8 characters, unknown parts blank.</summary>
    public string ToFlatString() => ToString().PadRight(8);

    /// <summary>True when some day this date stands for is before some day of <paramref name="other"/>.</summary>
    public bool CouldBeBefore(NaaccrDate other) => Earliest < other.Latest;

    /// <summary>True when every day this date stands for is before every day of <paramref name="other"/>.</summary>
    public bool IsDefinitelyBefore(NaaccrDate other) => Latest < other.Earliest;

    /// <summary>True when the two dates can be the same day or this one earlier (the order "this &lt;= other" is possible).</summary>
    public bool CouldBeOnOrBefore(NaaccrDate other) => Earliest <= other.Latest;

    /// <summary>Orders by earliest possible day, then by precision (less precise first).</summary>
    public int CompareTo(NaaccrDate other)
    {
        var c = Earliest.CompareTo(other.Earliest);
        return c != 0 ? c : Latest.CompareTo(other.Latest);
    }

    /// <summary>
    /// Possible completed years of age at <paramref name="at"/> for someone born on <paramref name="birth"/>;
    /// a single value when both dates are precise enough.
    /// </summary>
    public static (int Min, int Max) AgeRange(NaaccrDate birth, NaaccrDate at) =>
        (Age(birth.Latest, at.Earliest), Age(birth.Earliest, at.Latest));

    /// <summary>The age when it is determined by the known parts of the dates, else null.</summary>
    public static int? AgeAt(NaaccrDate birth, NaaccrDate at)
    {
        var (min, max) = AgeRange(birth, at);
        return min == max ? min : null;
    }

    private static int Age(DateOnly birth, DateOnly at)
    {
        var age = at.Year - birth.Year;
        if (at.Month < birth.Month || (at.Month == birth.Month && at.Day < birth.Day)) age--;
        return age;
    }
}
