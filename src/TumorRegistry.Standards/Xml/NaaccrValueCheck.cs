using System.Globalization;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// The data types of NAACCR XML 1.8 (dictionary dataType): digits (0-9, the item's full length, zero-padded),
/// numeric (a number), alpha (A-Z), mixed (A-Z and 0-9), date (YYYY, YYYYMM or YYYYMMDD), dateTime (ISO 8601).
/// </summary>
public static class NaaccrValueCheck
{
    /// <summary>Why a non-blank value does not fit its item's type; null when it fits.</summary>
    public static string? TypeError(NaaccrItemDef def, string value)
    {
        var label = $"{def.Name} [{def.NaaccrNum}]";
        return def.DataType switch
        {
            NaaccrDataType.Digits when !value.All(char.IsAsciiDigit) => $"{label} takes digits only; {ErrorText.Quote(value)} is not.",
            NaaccrDataType.Digits when value.Length != def.Length =>
                $"{label} takes exactly {def.Length} digits (zero-padded); {ErrorText.Quote(value)} has {value.Length}.",
            NaaccrDataType.Numeric when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) =>
                $"{label} takes a number; {ErrorText.Quote(value)} is not.",
            NaaccrDataType.Alpha when !value.All(char.IsAsciiLetterUpper) => $"{label} takes upper-case letters only; {ErrorText.Quote(value)} is not.",
            NaaccrDataType.Mixed when !value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) =>
                $"{label} takes upper-case letters and digits only; {ErrorText.Quote(value)} is not.",
            NaaccrDataType.Date when !NaaccrDate.TryParse(value, out _, out var error) => $"{label}: {error}",
            NaaccrDataType.DateTime when !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                $"{label} takes a date and time (ISO 8601); {ErrorText.Quote(value)} is not.",
            _ => null,
        };
    }
}
