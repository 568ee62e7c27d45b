namespace TumorRegistry.Linkage.Comparators;

/// <summary>Dates of birth as yyyymmdd ints, an unknown month or day as 00, the whole date 0 when unknown.</summary>
public static class DateComparator
{
    public const byte Missing = 0, Disagree = 1, YearOnly = 2, TwoParts = 3, DayMonthSwapped = 4, Exact = 5;
    public const int Levels = 6;

    public static byte Compare(int a, int b)
    {
        if (a <= 0 || b <= 0) return Missing;
        int ya = a / 10000, ma = a / 100 % 100, da = a % 100;
        int yb = b / 10000, mb = b / 100 % 100, db = b % 100;
        if (ya == 0 || yb == 0) return Missing;
        var full = ma != 0 && mb != 0 && da != 0 && db != 0;
        if (a == b) return full ? Exact : TwoParts;
        if (full && ya == yb && ma == db && da == mb) return DayMonthSwapped;
        var agree = (ya == yb ? 1 : 0) + (ma != 0 && ma == mb ? 1 : 0) + (da != 0 && da == db ? 1 : 0);
        if (agree >= 2) return TwoParts;
        return ya == yb ? YearOnly : Disagree;
    }

    /// <summary>Parses NAACCR yyyymmdd (blank or 99 parts unknown); 0 when there is no year.</summary>
    public static int Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 4) return 0;
        if (!int.TryParse(value.AsSpan(0, 4), out var y) || y < 1850) return 0;
        var m = value.Length >= 6 && int.TryParse(value.AsSpan(4, 2), out var mm) && mm is >= 1 and <= 12 ? mm : 0;
        var d = value.Length >= 8 && int.TryParse(value.AsSpan(6, 2), out var dd) && dd is >= 1 and <= 31 ? dd : 0;
        return y * 10000 + m * 100 + d;
    }
}
