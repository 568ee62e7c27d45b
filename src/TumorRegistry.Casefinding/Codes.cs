using System.Globalization;
using System.Text.RegularExpressions;

namespace TumorRegistry.Casefinding;

/// <summary>Normalising the code shapes reports carry into NAACCR's (C50.9 to C509, 8500/3 to 8500 + 3, dates to YYYYMMDD).</summary>
public static partial class Codes
{
    [GeneratedRegex(@"^C\d{2}\.?\d$")] private static partial Regex TopographyShape();
    [GeneratedRegex(@"^(\d{4})/(\d)$")] private static partial Regex MorphologyShape();
    [GeneratedRegex(@"^[A-TV-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$")] private static partial Regex Icd10Shape();

    public static string? Topography(string code)
    {
        var c = code.Trim().ToUpperInvariant();
        return TopographyShape().IsMatch(c) ? c.Replace(".", "") : null;
    }

    public static (string Histology, string Behavior)? Morphology(string code) =>
        MorphologyShape().Match(code.Trim()) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;

    public static string? Icd10Cm(string code)
    {
        var c = code.Trim().ToUpperInvariant();
        return Icd10Shape().IsMatch(c) ? c.Replace(".", "") : null;
    }

    /// <summary>An HL7 DT/DTM (YYYY[MM[DD[HHMM[SS[.S]]]]][+/-ZZZZ]) to NAACCR YYYYMMDD (month or day blank when not sent); null if unparseable.</summary>
    public static string? Hl7Date(string value)
    {
        var v = value.Trim();
        if (v.Length is 4 or 6 && v.All(char.IsAsciiDigit))
        {
            var year = int.Parse(v[..4], CultureInfo.InvariantCulture);
            if (year < 1850) return null;
            if (v.Length == 6 && int.Parse(v[4..], CultureInfo.InvariantCulture) is < 1 or > 12) return null;
            return v;
        }
        var zoneAt = v.Length > 8 ? v.IndexOfAny(['+', '-'], 8) : -1;
        var zoned = zoneAt > 0 ? v[..zoneAt] + v[zoneAt..(zoneAt + 3)] + ":" + v[(zoneAt + 3)..] : v;
        string[] shapes = ["yyyyMMdd", "yyyyMMddHH", "yyyyMMddHHmm", "yyyyMMddHHmmss", "yyyyMMddHHmmss.FFFF", "yyyyMMddHHzzz", "yyyyMMddHHmmzzz",
            "yyyyMMddHHmmsszzz", "yyyyMMddHHmmss.FFFFzzz"];
        return DateTimeOffset.TryParseExact(zoned, shapes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) && d.Year >= 1850
            ? v[..8] : null;
    }

    /// <summary>A FHIR date or dateTime to NAACCR YYYYMMDD (partial dates keep their known parts).</summary>
    public static string? FhirDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var digits = value.Length >= 10 ? value[..10].Replace("-", "") : value.Replace("-", "");
        return digits.Length is 4 or 6 or 8 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
