using System.Globalization;
using TumorRegistry.Standards;

namespace TumorRegistry.Api.Quality;

/// <summary>Checks the quality query parameters; each bad one is named in the 400.</summary>
public sealed class QualityParameters(TimeProvider clock)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    private int ThisYear => clock.GetUtcNow().Year;

    /// <summary>year=2023, or from=2019&amp;to=2023; one of them is needed.</summary>
    public (int First, int Last) Years(string? year, string? from, string? to)
    {
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to)) Errors["year"] = ["Give year, or from and to, not both."];
            var y = Year("year", year);
            return (y, y);
        }
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            Errors["year"] = ["The diagnosis year is needed: year=2023, or from=2019&to=2023."];
            return default;
        }
        var (f, t) = (Year("from", from), Year("to", to));
        if (Errors.Count == 0 && f > t) Errors["from"] = ["from is not after to."];
        if (Errors.Count == 0 && t - f >= 30) Errors["to"] = ["At most 30 diagnosis years at once."];
        return (f, t);
    }

    public int Year(string name, string? text)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1900 && y <= ThisYear) return y;
        Errors[name] = [$"{name} is a diagnosis year from 1900 to {ThisYear}, not {ErrorText.Quote(text ?? "")}."];
        return default;
    }

    public int Count(string name, string? text, int fallback, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
        Errors[name] = [$"{name} is 1 to {max}."];
        return fallback;
    }

    public string? State(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim().ToUpperInvariant();
        if (s.Length == 2 && s.All(char.IsAsciiLetterUpper)) return s;
        Errors["state"] = [$"state is a postal code such as NM, not {ErrorText.Quote(text)}."];
        return null;
    }

    public string Format(string? text)
    {
        var f = string.IsNullOrWhiteSpace(text) ? "json" : text.Trim().ToLowerInvariant();
        if (f is "json" or "html") return f;
        Errors["format"] = ["format is json or html."];
        return f;
    }

    /// <summary>yyyy-MM, as the snapshots name their month.</summary>
    public DateOnly? Month(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Errors[name] = [$"{name} is a month as yyyy-MM, not {ErrorText.Quote(text)}."];
        return null;
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
