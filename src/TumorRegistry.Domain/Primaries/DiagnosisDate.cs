namespace TumorRegistry.Domain.Primaries;

/// <summary>Three-valued answer: the rules must tell "no" from "cannot tell" (unknown dates, laterality 9).</summary>
public enum Tri { No, Yes, Unknown }

/// <summary>
/// A NAACCR date of diagnosis (YYYYMMDD, YYYYMM or YYYY; blank or 9s unknown) as the range of days it can mean,
/// so timing rules answer Yes/No only when every day in the ranges gives the same answer.
/// </summary>
public readonly record struct DiagnosisDate(DateOnly? Earliest, DateOnly? Latest)
{
    public static readonly DiagnosisDate Unknown = new(null, null);
    public bool IsKnown => Earliest is not null;
    public bool IsExact => Earliest is not null && Earliest == Latest;

    /// <summary>Null when the text is not a NAACCR date (the caller names the item in its error).</summary>
    public static DiagnosisDate? Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0 || t.All(c => c == '9')) return Unknown;
        if (t.Length is not (4 or 6 or 8) || !t.All(char.IsAsciiDigit)) return null;
        var year = int.Parse(t[..4]);
        if (year < 1800) return null;
        if (t.Length == 4) return new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var month = int.Parse(t[4..6]);
        if (month == 99 && t.Length == 8 && t[6..] == "99") return new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        if (month is < 1 or > 12) return null;
        var last = DateTime.DaysInMonth(year, month);
        if (t.Length == 6 || t[6..] == "99") return new(new DateOnly(year, month, 1), new DateOnly(year, month, last));
        var day = int.Parse(t[6..]);
        if (day < 1 || day > last) return null;
        var d = new DateOnly(year, month, day);
        return new(d, d);
    }

    /// <summary>Is this diagnosis later than the other one (strictly)?</summary>
    public Tri IsAfter(DiagnosisDate other)
    {
        if (!IsKnown || !other.IsKnown) return Tri.Unknown;
        if (Earliest > other.Latest) return Tri.Yes;
        if (Latest <= other.Earliest) return Tri.No;
        return Tri.Unknown;
    }

    /// <summary>Is this diagnosis more than <paramref name="gap"/> after the other (No when before or same day)?</summary>
    public Tri IsMoreThanAfter(DiagnosisDate other, Interval gap)
    {
        if (!IsKnown || !other.IsKnown) return Tri.Unknown;
        if (gap.Exceeded(other.Latest!.Value, Earliest!.Value)) return Tri.Yes;
        if (!gap.Exceeded(other.Earliest!.Value, Latest!.Value)) return Tri.No;
        return Tri.Unknown;
    }

    /// <summary>Are the two diagnoses more than <paramref name="gap"/> apart, in either order?</summary>
    public Tri IsMoreThanApart(DiagnosisDate other, Interval gap)
    {
        var later = IsMoreThanAfter(other, gap);
        var earlier = other.IsMoreThanAfter(this, gap);
        if (later == Tri.Yes || earlier == Tri.Yes) return Tri.Yes;
        if (later == Tri.No && earlier == Tri.No) return Tri.No;
        return Tri.Unknown;
    }
}

/// <summary>A rule's time span: "5y" (calendar years) or "60d" (days), as written in rules.csv.</summary>
public readonly record struct Interval(int Years, int Days)
{
    public static Interval Parse(string text)
    {
        var t = text.Trim();
        if (t.Length < 2 || !int.TryParse(t[..^1], out var n))
            throw new FormatException($"rules.csv: time span '{text}' is not like 5y or 60d");
        return t[^1] switch
        {
            'y' => new(n, 0),
            'd' => new(0, n),
            _ => throw new FormatException($"rules.csv: time span '{text}' is not like 5y or 60d"),
        };
    }

    /// <summary>Is <paramref name="to"/> more than this span after <paramref name="from"/>?</summary>
    public bool Exceeded(DateOnly from, DateOnly to) => to > from.AddYears(Years).AddDays(Days);

    public override string ToString() => Years > 0 ? $"{Years} years" : $"{Days} days";
}
