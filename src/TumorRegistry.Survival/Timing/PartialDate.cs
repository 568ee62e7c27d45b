namespace TumorRegistry.Survival.Timing;

/// <summary>
/// A NAACCR date (YYYYMMDD) in which month and/or day may be unknown: written as 99, blanks, or simply left off
/// (YYYY or YYYYMM). An unknown year makes the whole date unknown.
/// </summary>
public readonly record struct PartialDate(int? Year, int? Month, int? Day)
{
    /// <summary>True when year, month and day are all known.</summary>
    public bool IsComplete => Year is not null && Month is not null && Day is not null;

    /// <summary>Parses a NAACCR date string; returns an all-unknown date for blank, short or malformed input.</summary>
    public static PartialDate Parse(string? naaccr)
    {
        var s = (naaccr ?? "").TrimEnd();
        int? year = Part(s, 0, 4, 1, 9998);
        if (year is null) return default;
        int? month = Part(s, 4, 2, 1, 12);
        int? day = month is null ? null : Part(s, 6, 2, 1, DateTime.DaysInMonth(year.Value, month.Value));
        return new PartialDate(year, month, day);
    }

    static int? Part(string s, int start, int length, int min, int max)
    {
        if (s.Length < start + length) return null;
        var text = s.AsSpan(start, length);
        return int.TryParse(text, System.Globalization.NumberStyles.None, null, out var v) && v >= min && v <= max ? v : null;
    }

    /// <summary>Earliest calendar date consistent with the known parts (null if the year is unknown).</summary>
    public DateOnly? Earliest => Year is null ? null : new DateOnly(Year.Value, Month ?? 1, Day ?? 1);

    /// <summary>Latest calendar date consistent with the known parts (null if the year is unknown).</summary>
    public DateOnly? Latest
    {
        get
        {
            if (Year is null) return null;
            int m = Month ?? 12;
            return new DateOnly(Year.Value, m, Day ?? DateTime.DaysInMonth(Year.Value, m));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        Year is null ? "" : $"{Year:D4}{(Month is null ? "99" : Month.Value.ToString("D2"))}{(Day is null ? "99" : Day.Value.ToString("D2"))}";
}
